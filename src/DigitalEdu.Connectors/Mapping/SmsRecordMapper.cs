using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The school-management system's records into the canonical model. The only place that knows the SMS field names: each
/// is written once, below, with the canonical field it fills and its role. The SMS spelling of statuses and positions is
/// canonical, so known codes pass through as they are.
/// </summary>
public sealed class SmsRecordMapper(PersonRecordValidator persons, HealthExamRecordValidator exams)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The SMS's wire fields, each name written once with its canonical field and role, and the record kinds' tables.</summary>
    private static class Wire
    {
        public static readonly WireField StudentId = WireField.Identity("studentId", Fields.SourceKey);
        public static readonly WireField StaffId = WireField.Identity("staffId", Fields.SourceKey);
        public static readonly WireField MoetCode = WireField.Compared("moetCode", Fields.MoetCode);
        public static readonly WireField MoetStaffCode = WireField.Compared("moetStaffCode", Fields.MoetCode);
        public static readonly WireField PersonalId = WireField.Compared("personalId", Fields.PersonalId);
        public static readonly WireField FullName = WireField.Compared("fullName", Fields.FullName);
        public static readonly WireField DateOfBirth = WireField.Compared("dateOfBirth", Fields.DateOfBirth);
        public static readonly WireField Gender = WireField.Compared("gender", Fields.Gender);
        public static readonly WireField EthnicityCode = WireField.Compared("ethnicityCode", Fields.EthnicityCode);
        public static readonly WireField FatherName = WireField.Compared("fatherName", Fields.FatherName);
        public static readonly WireField MotherName = WireField.Compared("motherName", Fields.MotherName);
        public static readonly WireField SchoolCode = WireField.Compared("schoolCode", Fields.SchoolCode);
        public static readonly WireField Grade = WireField.Compared("grade", Fields.Grade);
        public static readonly WireField ClassName = WireField.Compared("className", Fields.ClassName);
        public static readonly WireField Status = WireField.Compared("status", Fields.Status);
        public static readonly WireField Position = WireField.Descriptive("position", Fields.Position);
        public static readonly WireField UpdatedAt = WireField.Descriptive("updatedAt", Fields.UpdatedAt);

        public static readonly WireField ExamId = WireField.Identity("examId", Fields.ExamId);
        public static readonly WireField ExamStudentId = WireField.Identity("studentId", Fields.StudentKey);
        public static readonly WireField ExamDate = WireField.Compared("examDate", Fields.SmsExamDate);
        public static readonly WireField HeightCm = Finding("heightCm", Fields.HeightCm);
        public static readonly WireField WeightKg = Finding("weightKg", Fields.WeightKg);
        public static readonly WireField Bmi = Finding("bmi", Fields.Bmi);
        public static readonly WireField BloodGroup = Finding("bloodGroup", Fields.BloodGroup);
        public static readonly WireField EyeCondition = Finding("eyeCondition", Fields.EyeCondition);
        public static readonly WireField CongenitalCondition = Finding("congenitalCondition", Fields.CongenitalCondition);
        public static readonly WireField SpineCondition = Finding("spineCondition", Fields.SpineCondition);
        public static readonly WireField CanSwim = Finding("canSwim", Fields.CanSwim);
        public static readonly WireField ExamUpdatedAt = Finding("updatedAt", Fields.UpdatedAt);

        public static readonly WireField SchoolListCode = WireField.Identity("schoolCode", Fields.SchoolCode);
        public static readonly WireField SchoolName = WireField.Descriptive("name", "name");
        public static readonly WireField SchoolLevel = WireField.Descriptive("level", Fields.Level);
        public static readonly WireField CommuneCode = WireField.Descriptive("communeCode", "communeCode");
        public static readonly WireField CommuneName = WireField.Descriptive("communeName", "communeName");
        public static readonly WireField ProvinceCode = WireField.Identity("provinceCode", "provinceCode");

        public static readonly FieldTable Students = new(
        StudentId, MoetCode, PersonalId, FullName, DateOfBirth, Gender, EthnicityCode, FatherName, MotherName, SchoolCode, Grade,
        ClassName, Status, UpdatedAt);

        public static readonly FieldTable Staff = new(
        StaffId, MoetStaffCode, PersonalId, FullName, DateOfBirth, Gender, SchoolCode, Position, Status, UpdatedAt);

        public static readonly FieldTable Exams = new(
        ExamId, ExamStudentId, ExamDate, HeightCm, WeightKg, Bmi, BloodGroup, EyeCondition, CongenitalCondition, SpineCondition, CanSwim,
        ExamUpdatedAt);

        private static WireField Finding(string name, string finding) => WireField.Descriptive(name, $"{Fields.HealthExam}.{finding}");
    }

    /// <summary>One student of the listing of <paramref name="listingSchool"/> (null for a province-wide listing).</summary>
    public MappedRecord<PersonRecord> MapStudent(JsonElement element, string? listingSchool = null)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var candidate = new PersonRecord
        {
            Source = Source.Sms,
            Kind = PersonKind.Student,
            SourceKey = r.Code(Wire.StudentId, required: true) ?? "",
            MoetCode = r.Code(Wire.MoetCode),
            PersonalIdRaw = r.RawScalar(Wire.PersonalId),
            FullName = r.Text(Wire.FullName, required: true),
            DateOfBirth = r.Date(Wire.DateOfBirth, DateFormat, required: true),
            Gender = ReadGender(r),
            EthnicityCode = r.ListCode(Wire.EthnicityCode, CodeLists.Ethnicity),
            FatherName = r.Text(Wire.FatherName),
            MotherName = r.Text(Wire.MotherName),
            SchoolCode = r.Code(Wire.SchoolCode, required: true) ?? listingSchool ?? "",
            // A grade sent as "8" means 8; nothing else can be meant.
            Grade = r.Integer(Wire.Grade, required: true, acceptDigitString: true),
            ClassName = r.Text(Wire.ClassName),
            Status = r.ListCode(Wire.Status, CodeLists.SmsStudentStatus, required: true),
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Students, listingSchool);
    }

    /// <summary>One staff member of the listing of <paramref name="listingSchool"/>.</summary>
    public MappedRecord<PersonRecord> MapStaff(JsonElement element, string? listingSchool = null)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var candidate = new PersonRecord
        {
            Source = Source.Sms,
            Kind = PersonKind.Staff,
            SourceKey = r.Code(Wire.StaffId, required: true) ?? "",
            MoetCode = r.Code(Wire.MoetStaffCode),
            PersonalIdRaw = r.RawScalar(Wire.PersonalId),
            FullName = r.Text(Wire.FullName, required: true),
            DateOfBirth = r.Date(Wire.DateOfBirth, DateFormat, required: true),
            Gender = ReadGender(r),
            SchoolCode = r.Code(Wire.SchoolCode, required: true) ?? listingSchool ?? "",
            Position = r.ListCode(Wire.Position, CodeLists.SmsPosition, required: true),
            Status = r.ListCode(Wire.Status, CodeLists.SmsStaffStatus, required: true),
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Staff, listingSchool);
    }

    /// <summary>An exam carries no school code of its own; it belongs to the school whose listing it came from.</summary>
    public MappedRecord<HealthExamRecord> MapHealthExam(JsonElement element, string schoolCode)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<HealthExamRecord>(element, r);
        }

        var candidate = new HealthExamRecord
        {
            ExamId = r.Code(Wire.ExamId, required: true) ?? "",
            StudentKey = r.Code(Wire.ExamStudentId, required: true) ?? "",
            SchoolCode = schoolCode,
            Findings = new HealthFindings
            {
                ExamDate = r.Date(Wire.ExamDate, DateFormat, required: true),
                HeightCm = r.Decimal(Wire.HeightCm),
                WeightKg = r.Decimal(Wire.WeightKg),
                Bmi = r.Decimal(Wire.Bmi),
                BloodGroup = r.Text(Wire.BloodGroup),
                EyeCondition = r.Text(Wire.EyeCondition),
                CongenitalCondition = r.Text(Wire.CongenitalCondition),
                SpineCondition = r.Text(Wire.SpineCondition),
                CanSwim = r.Boolean(Wire.CanSwim),
            },
            UpdatedAt = r.Instant(Wire.ExamUpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, exams, Wire.Exams);
    }

    /// <summary>
    /// One entry of <c>GET /schools</c>. An entry without a code or province cannot be pulled and is dropped with its reasons;
    /// a level the list lacks is kept as sent.
    /// </summary>
    public static MappedRecord<SchoolRecord> MapSchool(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        var code = r.Code(Wire.SchoolListCode, required: true);
        var name = r.Text(Wire.SchoolName);
        var level = r.ListCode(Wire.SchoolLevel, CodeLists.SchoolLevel);
        var commune = r.Code(Wire.CommuneCode);
        var communeName = r.Text(Wire.CommuneName);
        var province = r.Code(Wire.ProvinceCode, required: true);
        return code is null || province is null || r.IdentityFailed
            ? MappedRecord<SchoolRecord>.Rejected(new(element.GetRawText(), code, [.. r.Reasons]))
            : MappedRecord<SchoolRecord>.Accepted(new SchoolRecord(code, name ?? code, level, commune, province, communeName), r.UnknownCodes);
    }

    private static Gender? ReadGender(JsonRecordReader r) => r.ListCode(Wire.Gender, CodeLists.SmsGender, required: true) switch
    {
        WireNames.Male => Gender.Male,
        WireNames.Female => Gender.Female,
        _ => null,
    };

}
