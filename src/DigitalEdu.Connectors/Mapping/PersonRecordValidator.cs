using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Connectors.Mapping.RecordRules;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The canonical record's invariants, whichever source it came from. Messages carry no field name: the mapper prefixes
/// the source's own name for the field, so an operator can find it in the raw JSON. The personal ID is deliberately
/// not judged here (beyond control characters): an odd ID is a finding for the school, reported by the reconciler.
/// Each property reports only its first failing check, in the order written.
/// Plain code, not FluentValidation: it runs once per upstream record, where the FluentValidation rules cost ~7 µs a record, most of the mapping CPU.
/// </summary>
public sealed class PersonRecordValidator(TimeProvider timeProvider) : IRecordValidator<PersonRecord>
{
    private readonly HealthFindingsValidator health = new(timeProvider);

    public IReadOnlyList<RecordFailure> Validate(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<RecordFailure>? failures = null;

        RecordFailure.Add(ref failures, nameof(PersonRecord.SourceKey), CheckText(record.SourceKey, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, nameof(PersonRecord.FullName), CheckText(record.FullName, MaxNameLength, required: true));
        RecordFailure.Add(ref failures, nameof(PersonRecord.DateOfBirth), CheckDate(record.DateOfBirth, timeProvider));
        RecordFailure.Add(ref failures, nameof(PersonRecord.Gender), Enum.IsDefined(record.Gender) ? null : $"'{record.Gender}' is unknown");
        RecordFailure.Add(ref failures, nameof(PersonRecord.SchoolCode), CheckText(record.SchoolCode, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, nameof(PersonRecord.Status), CheckStatus(record));
        RecordFailure.Add(ref failures, nameof(PersonRecord.MoetCode),
            IsTenDigits(record.MoetCode) ? null : $"{JsonRecordReader.Quote(record.MoetCode ?? "")} is not 10 digits");
        RecordFailure.Add(ref failures, nameof(PersonRecord.PersonalIdRaw), HasNoControlCharacters(record.PersonalIdRaw) ? null : ControlCharacter);

        RecordFailure.Add(ref failures, nameof(PersonRecord.EthnicityCode), CheckText(record.EthnicityCode, MaxShortTextLength));
        RecordFailure.Add(ref failures, nameof(PersonRecord.FatherName), CheckText(record.FatherName, MaxNameLength));
        RecordFailure.Add(ref failures, nameof(PersonRecord.MotherName), CheckText(record.MotherName, MaxNameLength));
        RecordFailure.Add(ref failures, nameof(PersonRecord.ClassName), CheckText(record.ClassName, MaxShortTextLength));

        if (record.Kind == PersonKind.Student)
        {
            RecordFailure.Add(ref failures, nameof(PersonRecord.Grade), record.Grade switch
            {
                null => Missing,
                < 0 or > 12 => $"{record.Grade.Value} is outside 0..12",
                _ => null,
            });
        }

        if (record.Kind == PersonKind.Staff)
        {
            RecordFailure.Add(ref failures, nameof(PersonRecord.Position), CheckPosition(record.Position));
        }

        if (record.PopulationCheck is { } check && !PopulationCheckStatus.All.Contains(check.Status))
        {
            RecordFailure.Add(ref failures, "PopulationCheck.Status", $"'{check.Status}' is unknown");
        }

        if (record.NationalHealth is { } findings)
        {
            health.Validate(findings, "NationalHealth.", ref failures);
        }

        return RecordFailure.ToResult(failures);
    }

    private static string? CheckStatus(PersonRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Status))
        {
            return Missing;
        }

        var known = record.Kind == PersonKind.Staff ? PersonStatus.StaffStatuses : PersonStatus.StudentStatuses;
        return known.Contains(record.Status) ? null : $"'{record.Status}' is unknown";
    }

    private static string? CheckPosition(string? position)
    {
        if (string.IsNullOrWhiteSpace(position))
        {
            return Missing;
        }

        return StaffPosition.All.Contains(position) ? null : $"'{position}' is unknown";
    }
}
