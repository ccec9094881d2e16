using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// Derives each source's version of a person and, for a planted person, the exact items the reconcile rules produce for it.
/// Every plant changes one thing on one person; the comments say which rule turns it into which item and why nothing else fires.
/// </summary>
internal sealed class Planter(PersonFactory factory, IReadOnlyList<School> schools)
{
    private static readonly string[] UnknownPrefixes = [.. ProvincePrefixes.Unknown()];

    public PlantedPerson Clean(Person truth) => new([truth], ProvincialCopy(truth), NationalCopy(truth), []);

    public PlantedPerson Apply(Plant plant, Person truth)
    {
        var sms = truth;
        var provincial = ProvincialCopy(truth);
        var national = NationalCopy(truth);
        var random = factory.Random;

        // The provincial copy is fed from the SMS, so an SMS-side defect is mirrored there: otherwise it would also be provincial_stale.
        PlantedPerson SmsSide(Person changedSms, string kind, string? detail) =>
            new([changedSms], ProvincialCopy(changedSms), national, [SmsItem(kind, detail, changedSms)]);

        PlantedPerson Pair(Person changedNational, string field) =>
            new([sms], provincial, changedNational, [PairItem(field, sms)]);

        switch (plant.Name)
        {
            // health_not_synced: a studying pupil with an SMS exam whose national record holds an older exam, or none.
            case "health_not_synced/older":
                {
                    var exams = EnsureExams(truth, 2);
                    sms = truth with { Exams = exams };
                    var older = exams.Count >= 2 ? exams[^2] : factory.NewExam(exams[^1].ExamDate.AddDays(-200), truth.DateOfBirth);
                    return new([sms], ProvincialCopy(sms), NationalCopy(sms) with { NationalExam = older }, [PairKind(MismatchKinds.HealthNotSynced, null, sms)]);
                }

            case "health_not_synced/none":
                sms = truth with { Exams = EnsureExams(truth, 1) };
                return new([sms], ProvincialCopy(sms), NationalCopy(sms) with { NationalExam = null }, [PairKind(MismatchKinds.HealthNotSynced, null, sms)]);

            // id_missing: matching falls back to the MOET code, and personalId is compared only when both sides are valid.
            case "id_missing/sms":
                return SmsSide(truth with { PersonalId = null }, MismatchKinds.IdMissing, "sms");

            // A national record without an ID is not yet checked; id_unverified needs a present ID, so only id_missing fires.
            case "id_missing/national":
                national = national with { PersonalId = null, Verification = new Verification("CHUA_XAC_THUC", CheckedAt(truth), []) };
                return new([sms], provincial, national, [NationalItem(MismatchKinds.IdMissing, "national", national, sms)]);

            // id_invalid on the SMS side: the national record keeps the right ID, so the pair is made by MOET code.
            case "id_invalid/leading_zero_lost":
                return SmsSide(truth with { PersonalId = truth.PersonalId![1..] }, MismatchKinds.IdInvalid, "leading_zero_lost");

            case "id_invalid/legacy_cmnd":
                return SmsSide(truth with { PersonalId = $"10{random.Next(0, 10_000_000):D7}" }, MismatchKinds.IdInvalid, "legacy_cmnd");

            case "id_invalid/format/letters":
                // Letter O typed for the leading zero.
                return SmsSide(truth with { PersonalId = "O" + truth.PersonalId![1..] }, MismatchKinds.IdInvalid, "format");

            case "id_invalid/format/ten_digits":
                return SmsSide(truth with { PersonalId = truth.PersonalId![..10] }, MismatchKinds.IdInvalid, "format");

            case "id_invalid/unknown_province_code":
                return SmsSide(truth with { PersonalId = UnknownProvinceId(truth.PersonalId!) }, MismatchKinds.IdInvalid, "unknown_province_code");

            case "id_invalid/gender_digit":
                {
                    var id = truth.PersonalId!;
                    var flipped = (id[3] - '0') ^ 1;
                    var wrong = factory.Ids.IssueWithDigit(id[..3], flipped, truth.DateOfBirth.Year % 100);
                    return SmsSide(truth with { PersonalId = wrong }, MismatchKinds.IdInvalid, "gender_digit");
                }

            case "id_invalid/birth_year":
                {
                    var id = truth.PersonalId!;
                    var wrong = factory.Ids.IssueWithDigit(id[..3], id[3] - '0', (truth.DateOfBirth.Year + 1) % 100);
                    return SmsSide(truth with { PersonalId = wrong }, MismatchKinds.IdInvalid, "birth_year");
                }

            // id_unverified: a valid national ID whose population check is not DA_XAC_THUC; the detail is the status.
            case "id_unverified/CHUA_XAC_THUC":
            case "id_unverified/SAI_THONG_TIN":
            case "id_unverified/KHONG_TIM_THAY":
                {
                    var status = plant.Name["id_unverified/".Length..];
                    var wrongFields = status == "SAI_THONG_TIN" ? DisputedFields(truth.Kind) : [];
                    national = national with { Verification = new Verification(status, CheckedAt(truth), wrongFields) };
                    return new([sms], provincial, national, [NationalItem(MismatchKinds.IdUnverified, status, national, sms)]);
                }

            // A transfer half done: a second active SMS record at another school with the same ID and MOET code. Both are held,
            // so each gets id_duplicate and nothing else; the national record shares their digits and is held too.
            case "id_duplicate/sms":
                {
                    var second = truth with
                    {
                        SmsKey = factory.NextKey(truth.Kind),
                        School = OtherSchool(truth.School),
                        UpdatedAt = truth.UpdatedAt.AddDays(3),
                        Exams = [],
                    };
                    return new([sms, second], provincial, national, [SmsItem(MismatchKinds.IdDuplicate, null, sms), SmsItem(MismatchKinds.IdDuplicate, null, second)]);
                }

            // Still in the provincial copy, so no provincial_stale.
            case "missing_in_national":
                return new([sms], provincial, null, [SmsItem(MismatchKinds.MissingInNational, null, sms)]);

            // The SMS never had it, and the provincial copy (fed from the SMS) neither.
            case "missing_in_sms":
                return new([], null, national, [NationalItem(MismatchKinds.MissingInSms, null, national, null)]);

            // A new entrant the SMS holds with neither a personal ID nor a MOET code yet: nothing links it to its national record,
            // so both sides report the other missing; the candidate search is what pairs them for the school.
            // The provincial copy is keyed by the MOET code, so it cannot hold the record yet and no provincial_stale fires.
            case "unlinked/new_entrant":
                sms = truth with { PersonalId = null, MoetCode = null };
                return new([sms], null, national,
                    [SmsItem(MismatchKinds.IdMissing, "sms", sms), SmsItem(MismatchKinds.MissingInNational, null, sms),
                     NationalItem(MismatchKinds.MissingInSms, null, national, null)]);

            case "field_mismatch/fullName":
                return Pair(national with { FullName = OtherGivenName(truth.FullName, truth.Gender) }, "fullName");

            case "field_mismatch/dateOfBirth":
                // Same year, so the ID's year digits still agree on both sides.
                return Pair(national with { DateOfBirth = SameYearOtherDay(truth.DateOfBirth) }, "dateOfBirth");

            // A wrong gender also contradicts the ID's gender digit on the side that holds it: two items.
            case "field_mismatch/gender/national_wrong":
                national = national with { Gender = Flip(truth.Gender) };
                return new([sms], provincial, national,
                    [PairItem("gender", sms), NationalItem(MismatchKinds.IdInvalid, "gender_digit", national, sms)]);

            case "field_mismatch/gender/sms_wrong":
                sms = truth with { Gender = Flip(truth.Gender) };
                return new([sms], ProvincialCopy(sms), national, [PairItem("gender", sms), SmsItem(MismatchKinds.IdInvalid, "gender_digit", sms)]);

            case "field_mismatch/fatherName":
                return Pair(national with { FatherName = $"{truth.FullName.Split(' ')[0]} Văn {OtherGiven(truth.FatherName?.Split(' ')[^1], Gender.Male)}" }, "fatherName");

            case "field_mismatch/motherName":
                return Pair(national with { MotherName = OtherGivenName(truth.MotherName!, Gender.Female) }, "motherName");

            case "field_mismatch/ethnicityCode":
                return Pair(national with { EthnicityCode = truth.EthnicityCode == "01" ? "02" : "01" }, "ethnicityCode");

            case "field_mismatch/schoolCode":
                return Pair(national with { School = OtherSchool(truth.School) }, "schoolCode");

            case "field_mismatch/grade":
                return Pair(national with { Grade = truth.Grade < 12 ? truth.Grade + 1 : truth.Grade - 1 }, "grade");

            case "field_mismatch/className":
                return Pair(national with { ClassName = PersonFactory.OtherClass(truth.ClassName!) }, "className");

            // At least one side active is enough for a pair to be compared.
            case "field_mismatch/status":
                return Pair(national with { Status = truth.Kind == PersonKind.Student ? "transferred_out" : "left" }, "status");

            // Both valid, different digits: no digit match, so the pair is made by MOET code and the IDs differ.
            case "field_mismatch/personalId":
                {
                    var other = factory.Ids.Issue(truth.PersonalId![..3], truth.Gender, truth.DateOfBirth.Year);
                    return Pair(national with { PersonalId = other }, "personalId");
                }

            // Left school A (inactive there), active at B under a new SMS key; the national record still says A. The inactive
            // A record loses to B in matching, so the only item is the school difference of the B pair.
            case "field_mismatch/schoolCode/transfer":
                {
                    var left = truth with { Status = truth.Kind == PersonKind.Student ? "transferred_out" : "left", UpdatedAt = truth.UpdatedAt.AddDays(-5) };
                    var arrived = truth with { SmsKey = factory.NextKey(truth.Kind), School = OtherSchool(truth.School), Exams = [] };
                    return new([left, arrived], ProvincialCopy(arrived), national, [PairItem("schoolCode", arrived)]);
                }

            case "provincial_stale/missing":
                return new([sms], null, national, [SmsItem(MismatchKinds.ProvincialStale, "missing", sms)]);

            // The provincial copy is an older version: last term's class, or the name before a correction.
            case "provincial_stale/outdated":
                {
                    var older = truth.Kind == PersonKind.Student && random.Next(2) == 0
                        ? provincial with { ClassName = PersonFactory.OtherClass(truth.ClassName!) }
                        : provincial with { FullName = OtherGivenName(truth.FullName, truth.Gender) };
                    older = older with { UpdatedAt = truth.UpdatedAt.AddDays(-30) };
                    return new([sms], older, national, [SmsItem(MismatchKinds.ProvincialStale, "outdated", sms)]);
                }

            default:
                throw new InvalidOperationException($"No planting for {plant.Name}.");
        }
    }

    // The copies arrive a little later than the SMS version; the lag is derived from the key so it is the same on every run.
    private static Person ProvincialCopy(Person sms) => sms with { UpdatedAt = sms.UpdatedAt.AddHours(1 + (sms.SmsKey[^1] - '0') * 3) };

    private static Person NationalCopy(Person sms) => sms with { UpdatedAt = sms.UpdatedAt.AddDays(1 + (sms.SmsKey[^1] % 5)) };

    private static DateTime CheckedAt(Person person) => person.UpdatedAt.AddHours(12);

    private static string PersonKindName(Person person) => person.Kind == PersonKind.Student ? "student" : "staff";

    private static GroundTruthItem SmsItem(string kind, string? detail, Person sms) =>
        new(kind, detail, PersonKindName(sms), sms.School.Code, sms.SmsKey, sms.MoetCode, null);

    private static GroundTruthItem PairItem(string field, Person sms) =>
        new(MismatchKinds.FieldMismatch, field, PersonKindName(sms), sms.School.Code, sms.SmsKey, sms.MoetCode, field);

    private static GroundTruthItem PairKind(string kind, string? detail, Person sms) =>
        new(kind, detail, PersonKindName(sms), sms.School.Code, sms.SmsKey, sms.MoetCode, null);

    // A national-side item of a matched pair names the SMS key of the pair; its MOET code and school come from the SMS record when there is one.
    private static GroundTruthItem NationalItem(string kind, string? detail, Person national, Person? sms) =>
        new(kind, detail, PersonKindName(national), (sms ?? national).School.Code, sms?.SmsKey, (sms ?? national).MoetCode, null);

    private static Gender Flip(Gender gender) => gender == Gender.Male ? Gender.Female : Gender.Male;

    private static IReadOnlyList<string> DisputedFields(PersonKind kind) =>
        kind == PersonKind.Student ? ["HO_TEN", "TEN_ME"] : ["NGAY_SINH"];

    private IReadOnlyList<HealthExam> EnsureExams(Person truth, int wanted)
    {
        if (truth.Exams.Count >= wanted)
        {
            return truth.Exams;
        }

        var exams = new List<HealthExam>(truth.Exams);
        var next = exams.Count == 0 ? new DateOnly(2026, 9, 10) : exams[0].ExamDate.AddDays(-120);
        while (exams.Count < wanted)
        {
            exams.Insert(0, factory.NewExam(next, truth.DateOfBirth));
            next = next.AddDays(-120);
        }

        return exams;
    }

    private string UnknownProvinceId(string id)
    {
        while (true)
        {
            var candidate = factory.Pick(UnknownPrefixes) + id[3..];
            if (factory.Ids.TryReserve(candidate))
            {
                return candidate;
            }
        }
    }

    private DateOnly SameYearOtherDay(DateOnly date)
    {
        var shift = factory.Random.Next(1, 60);
        var moved = date.AddDays(shift);
        return moved.Year == date.Year ? moved : date.AddDays(-shift);
    }

    private School OtherSchool(School school)
    {
        // Prefer a school of the same level so the grade still fits; fall back to any other school.
        var start = factory.Random.Next(schools.Count);
        School? fallback = null;
        for (var i = 0; i < schools.Count; i++)
        {
            var candidate = schools[(start + i) % schools.Count];
            if (candidate.Code == school.Code)
            {
                continue;
            }

            if (candidate.Level == school.Level)
            {
                return candidate;
            }

            fallback ??= candidate;
        }

        return fallback ?? throw new InvalidOperationException("Planting needs at least two schools.");
    }

    private string OtherGivenName(string fullName, Gender gender)
    {
        var lastSpace = fullName.LastIndexOf(' ');
        return fullName[..lastSpace] + " " + OtherGiven(fullName[(lastSpace + 1)..], gender);
    }

    // The lists hold no two tone variants of one name, so a different entry is a real difference, not noise.
    private string OtherGiven(string? given, Gender gender)
    {
        var pool = gender == Gender.Male ? NameParts.MaleGivens : NameParts.FemaleGivens;
        while (true)
        {
            var candidate = factory.Pick(pool);
            if (candidate != given)
            {
                return candidate;
            }
        }
    }
}
