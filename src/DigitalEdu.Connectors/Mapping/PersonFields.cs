using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>A record with one field made unknown, by its canonical name: what a field that failed its rule becomes.</summary>
internal static class PersonFields
{
    private const string NationalHealthPrefix = Fields.NationalHealth + ".";

    public static PersonRecord Without(PersonRecord record, string field) => field switch
    {
        Fields.MoetCode => record with { MoetCode = null },
        Fields.PersonalId => record with { PersonalIdRaw = null },
        Fields.FullName => record with { FullName = null },
        Fields.DateOfBirth => record with { DateOfBirth = null },
        Fields.Gender => record with { Gender = null },
        Fields.EthnicityCode => record with { EthnicityCode = null },
        Fields.FatherName => record with { FatherName = null },
        Fields.MotherName => record with { MotherName = null },
        Fields.Grade => record with { Grade = null },
        Fields.ClassName => record with { ClassName = null },
        Fields.Status => record with { Status = null },
        Fields.Position => record with { Position = null },
        Fields.UpdatedAt => record with { UpdatedAt = DateTimeOffset.MinValue },
        Fields.PopulationCheck => record with { PopulationCheck = null },
        Fields.PopulationStatus when record.PopulationCheck is { } check => record with { PopulationCheck = check with { Status = null } },
        Fields.PopulationCheckedAt when record.PopulationCheck is { } check => record with { PopulationCheck = check with { CheckedAt = null } },
        Fields.DisputedFields when record.PopulationCheck is { } check => record with { PopulationCheck = check with { DisputedFields = [] } },
        Fields.NationalHealth => record with { NationalHealth = null },
        _ when field.StartsWith(NationalHealthPrefix, StringComparison.Ordinal) && record.NationalHealth is { } health =>
            record with { NationalHealth = Without(health, field[NationalHealthPrefix.Length..]) },
        // The school stays the listing's: a school code that fails a rule is still the listing's school as far as routing goes.
        _ => record,
    };

    public static HealthFindings Without(HealthFindings findings, string finding) => finding switch
    {
        Fields.ExamDate => findings with { ExamDate = null },
        Fields.HeightCm => findings with { HeightCm = null },
        Fields.WeightKg => findings with { WeightKg = null },
        Fields.Bmi => findings with { Bmi = null },
        Fields.BloodGroup => findings with { BloodGroup = null },
        Fields.EyeCondition => findings with { EyeCondition = null },
        Fields.CongenitalCondition => findings with { CongenitalCondition = null },
        Fields.SpineCondition => findings with { SpineCondition = null },
        Fields.CanSwim => findings with { CanSwim = null },
        _ => findings,
    };
}
