using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The school-management system's records into the canonical model. The only place that knows the SMS field names.
/// The SMS spelling of statuses and positions is canonical, so they pass through and the validator judges them.
/// </summary>
public sealed class SmsRecordMapper(PersonRecordValidator persons, HealthExamRecordValidator exams)
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly Dictionary<string, string> StudentFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "studentId",
        [nameof(PersonRecord.MoetCode)] = "moetCode",
        [nameof(PersonRecord.PersonalIdRaw)] = "personalId",
        [nameof(PersonRecord.FullName)] = "fullName",
        [nameof(PersonRecord.DateOfBirth)] = "dateOfBirth",
        [nameof(PersonRecord.Gender)] = "gender",
        [nameof(PersonRecord.EthnicityCode)] = "ethnicityCode",
        [nameof(PersonRecord.FatherName)] = "fatherName",
        [nameof(PersonRecord.MotherName)] = "motherName",
        [nameof(PersonRecord.SchoolCode)] = "schoolCode",
        [nameof(PersonRecord.Grade)] = "grade",
        [nameof(PersonRecord.ClassName)] = "className",
        [nameof(PersonRecord.Status)] = "status",
        [nameof(PersonRecord.UpdatedAt)] = "updatedAt",
    };

    private static readonly Dictionary<string, string> StaffFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "staffId",
        [nameof(PersonRecord.MoetCode)] = "moetStaffCode",
        [nameof(PersonRecord.PersonalIdRaw)] = "personalId",
        [nameof(PersonRecord.FullName)] = "fullName",
        [nameof(PersonRecord.DateOfBirth)] = "dateOfBirth",
        [nameof(PersonRecord.Gender)] = "gender",
        [nameof(PersonRecord.SchoolCode)] = "schoolCode",
        [nameof(PersonRecord.Position)] = "position",
        [nameof(PersonRecord.Status)] = "status",
        [nameof(PersonRecord.UpdatedAt)] = "updatedAt",
    };

    private static readonly Dictionary<string, string> ExamFields = new(StringComparer.Ordinal)
    {
        [nameof(HealthExamRecord.ExamId)] = "examId",
        [nameof(HealthExamRecord.StudentKey)] = "studentId",
        ["Findings.ExamDate"] = "examDate",
        ["Findings.HeightCm"] = "heightCm",
        ["Findings.WeightKg"] = "weightKg",
        ["Findings.Bmi"] = "bmi",
        ["Findings.BloodGroup"] = "bloodGroup",
        ["Findings.EyeCondition"] = "eyeCondition",
        ["Findings.CongenitalCondition"] = "congenitalCondition",
        ["Findings.SpineCondition"] = "spineCondition",
        [nameof(HealthExamRecord.UpdatedAt)] = "updatedAt",
    };

    public MappedRecord<PersonRecord> MapStudent(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code("studentId"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.Sms,
            Kind = PersonKind.Student,
            SourceKey = key ?? "",
            MoetCode = r.Code("moetCode"u8),
            PersonalIdRaw = r.RawScalar("personalId"u8),
            FullName = r.Text("fullName"u8, required: true) ?? "",
            DateOfBirth = r.Date("dateOfBirth"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            EthnicityCode = r.Code("ethnicityCode"u8),
            FatherName = r.Text("fatherName"u8),
            MotherName = r.Text("motherName"u8),
            SchoolCode = r.Code("schoolCode"u8, required: true) ?? "",
            // A grade sent as "8" means 8; nothing else can be meant.
            Grade = r.Integer("grade"u8, required: true, acceptDigitString: true),
            ClassName = r.Text("className"u8),
            Status = r.Code("status"u8, required: true) ?? "",
            UpdatedAt = r.Instant("updatedAt"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, persons, StudentFields);
    }

    public MappedRecord<PersonRecord> MapStaff(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code("staffId"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.Sms,
            Kind = PersonKind.Staff,
            SourceKey = key ?? "",
            MoetCode = r.Code("moetStaffCode"u8),
            PersonalIdRaw = r.RawScalar("personalId"u8),
            FullName = r.Text("fullName"u8, required: true) ?? "",
            DateOfBirth = r.Date("dateOfBirth"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            SchoolCode = r.Code("schoolCode"u8, required: true) ?? "",
            Position = r.Code("position"u8, required: true),
            Status = r.Code("status"u8, required: true) ?? "",
            UpdatedAt = r.Instant("updatedAt"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, persons, StaffFields);
    }

    /// <summary>An exam carries no school code of its own; it belongs to the school whose listing it came from.</summary>
    public MappedRecord<HealthExamRecord> MapHealthExam(JsonElement element, string schoolCode)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<HealthExamRecord>(element, r);
        }

        var key = r.Code("examId"u8, required: true);
        var candidate = new HealthExamRecord
        {
            ExamId = key ?? "",
            StudentKey = r.Code("studentId"u8, required: true) ?? "",
            SchoolCode = schoolCode,
            Findings = new HealthFindings
            {
                ExamDate = r.Date("examDate"u8, DateFormat, required: true) ?? default,
                HeightCm = r.Decimal("heightCm"u8),
                WeightKg = r.Decimal("weightKg"u8),
                Bmi = r.Decimal("bmi"u8),
                BloodGroup = r.Text("bloodGroup"u8),
                EyeCondition = r.Text("eyeCondition"u8),
                CongenitalCondition = r.Text("congenitalCondition"u8),
                SpineCondition = r.Text("spineCondition"u8),
                CanSwim = r.Boolean("canSwim"u8),
            },
            UpdatedAt = r.Instant("updatedAt"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, exams, ExamFields);
    }

    /// <summary>One entry of <c>GET /schools</c>; an entry without a code cannot be pulled and is dropped with its reasons.</summary>
    public static MappedRecord<SchoolRecord> MapSchool(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        var code = r.Code("schoolCode"u8, required: true);
        var name = r.Text("name"u8);
        var level = r.Code("level"u8);
        var commune = r.Code("communeCode"u8);
        var province = r.Code("provinceCode"u8, required: true);
        return code is null || province is null || r.Reasons.Count > 0
            ? MappedRecord<SchoolRecord>.Rejected(new(element.GetRawText(), code, [.. r.Reasons]))
            : MappedRecord<SchoolRecord>.Accepted(new SchoolRecord(code, name ?? code, level, commune, province));
    }

    private static Gender? ReadGender(JsonRecordReader r) => r.Code("gender"u8, required: true) switch
    {
        null => null,
        "male" => Gender.Male,
        "female" => Gender.Female,
        var other => Unknown(r, "gender"u8, other),
    };

    private static Gender? Unknown(JsonRecordReader r, ReadOnlySpan<byte> field, string value)
    {
        r.Fail(field, $"{JsonRecordReader.Quote(value)} is unknown");
        return null;
    }
}
