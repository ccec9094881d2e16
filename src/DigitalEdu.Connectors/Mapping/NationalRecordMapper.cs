using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The national MOET database's records into the canonical model. The only place that knows its field names (the column
/// names of Quyết định 4998/QĐ-BGDĐT), each written once below. Dates are dd/MM/yyyy; the person ID is the MOET code.
/// </summary>
public sealed class NationalRecordMapper(PersonRecordValidator persons)
{
    private const string DateFormat = "dd/MM/yyyy";

    /// <summary>The national database's wire fields, each with its canonical field and role, and the record kinds' tables.</summary>
    private static class Wire
    {
        public static readonly WireField StudentId = WireField.Identity("HOC_SINH_ID", Fields.SourceKey);
        public static readonly WireField StudentMoetCode = StudentId.Also(Fields.MoetCode, FieldRole.Compared);
        public static readonly WireField StaffId = WireField.Identity("GIAO_VIEN_ID", Fields.SourceKey);
        public static readonly WireField StaffMoetCode = StaffId.Also(Fields.MoetCode, FieldRole.Compared);
        public static readonly WireField PersonalId = WireField.Compared("MA_DINH_DANH", Fields.PersonalId);
        public static readonly WireField FullName = WireField.Compared("HO_TEN", Fields.FullName);
        public static readonly WireField DateOfBirth = WireField.Compared("NGAY_SINH", Fields.DateOfBirth);
        public static readonly WireField Gender = WireField.Compared("MA_GIOI_TINH", Fields.Gender);
        public static readonly WireField EthnicityCode = WireField.Compared("MA_DAN_TOC", Fields.EthnicityCode);
        public static readonly WireField FatherName = WireField.Compared("TEN_CHA", Fields.FatherName);
        public static readonly WireField MotherName = WireField.Compared("TEN_ME", Fields.MotherName);
        public static readonly WireField SchoolCode = WireField.Compared("TRUONG_ID", Fields.SchoolCode);
        public static readonly WireField Grade = WireField.Compared("KHOI", Fields.Grade);
        public static readonly WireField ClassName = WireField.Compared("LOP", Fields.ClassName);
        public static readonly WireField Status = WireField.Compared("MA_TRANG_THAI", Fields.Status);
        public static readonly WireField Position = WireField.Descriptive("VI_TRI", Fields.Position);
        public static readonly WireField UpdatedAt = WireField.Descriptive("NGAY_CAP_NHAT", Fields.UpdatedAt);

        public static readonly WireField PopulationCheck = WireField.Descriptive("XAC_THUC_DAN_CU", Fields.PopulationCheck);
        public static readonly WireField PopulationStatus = WireField.Compared("TRANG_THAI", Fields.PopulationStatus);
        public static readonly WireField CheckedAt = WireField.Descriptive("THOI_DIEM", Fields.PopulationCheckedAt);
        public static readonly WireField DisputedFields = WireField.Descriptive("TRUONG_SAI", Fields.DisputedFields);

        public static readonly WireField Health = WireField.Descriptive("SUC_KHOE", Fields.NationalHealth);
        public static readonly WireField ExamDate = WireField.Compared("NGAY_KHAM", Fields.NationalExamDate);
        public static readonly WireField HeightCm = Finding("CHIEU_CAO", Fields.HeightCm);
        public static readonly WireField WeightKg = Finding("CAN_NANG", Fields.WeightKg);
        public static readonly WireField Bmi = Finding("CHI_SO_BMI", Fields.Bmi);
        public static readonly WireField BloodGroup = Finding("NHOM_MAU", Fields.BloodGroup);
        public static readonly WireField EyeCondition = Finding("BENH_VE_MAT", Fields.EyeCondition);
        public static readonly WireField CongenitalCondition = Finding("BENH_BAM_SINH", Fields.CongenitalCondition);
        public static readonly WireField SpineCondition = Finding("BENH_COT_SONG", Fields.SpineCondition);
        public static readonly WireField CanSwim = Finding("BIET_BOI", Fields.CanSwim);

        public static readonly WireField SchoolListCode = WireField.Identity("TRUONG_ID", Fields.SchoolCode);
        public static readonly WireField SchoolName = WireField.Descriptive("TEN_TRUONG", "name");
        public static readonly WireField SchoolLevel = WireField.Descriptive("CAP_HOC", Fields.Level);
        public static readonly WireField CommuneCode = WireField.Descriptive("MA_XA", "communeCode");
        public static readonly WireField CommuneName = WireField.Descriptive("TEN_XA", "communeName");

        public static readonly FieldTable Students = new FieldTable(
                StudentId, StudentMoetCode, PersonalId, FullName, DateOfBirth, Gender, EthnicityCode, FatherName, MotherName, SchoolCode, Grade, ClassName,
                Status, UpdatedAt, PopulationCheck, Health)
            .WithNested(PopulationCheck, PopulationStatus, CheckedAt, DisputedFields)
            .WithNested(Health, ExamDate, HeightCm, WeightKg, Bmi, BloodGroup, EyeCondition, CongenitalCondition, SpineCondition, CanSwim);

        public static readonly FieldTable Staff = new FieldTable(
                StaffId, StaffMoetCode, PersonalId, FullName, DateOfBirth, Gender, SchoolCode, Position, Status, UpdatedAt, PopulationCheck)
            .WithNested(PopulationCheck, PopulationStatus, CheckedAt, DisputedFields);

        private static WireField Finding(string name, string finding) => WireField.Descriptive(name, $"{Fields.NationalHealth}.{finding}");
    }

    /// <summary>One student of a listing of <paramref name="listingSchool"/> (null for the whole province).</summary>
    public MappedRecord<PersonRecord> MapStudent(JsonElement element, string? listingSchool = null)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code(Wire.StudentId, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.National,
            Kind = PersonKind.Student,
            SourceKey = key ?? "",
            MoetCode = key,
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
            Status = r.ListCode(Wire.Status, CodeLists.MoetStudentStatus, required: true),
            PopulationCheck = ReadPopulationCheck(r, Wire.Students),
            NationalHealth = ReadHealth(r),
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Students, listingSchool);
    }

    /// <summary>One staff member of a listing of <paramref name="listingSchool"/> (null for the whole province).</summary>
    public MappedRecord<PersonRecord> MapStaff(JsonElement element, string? listingSchool = null)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code(Wire.StaffId, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.National,
            Kind = PersonKind.Staff,
            SourceKey = key ?? "",
            MoetCode = key,
            PersonalIdRaw = r.RawScalar(Wire.PersonalId),
            FullName = r.Text(Wire.FullName, required: true),
            DateOfBirth = r.Date(Wire.DateOfBirth, DateFormat, required: true),
            Gender = ReadGender(r),
            SchoolCode = r.Code(Wire.SchoolCode, required: true) ?? listingSchool ?? "",
            Position = r.ListCode(Wire.Position, CodeLists.MoetPosition, required: true),
            Status = r.ListCode(Wire.Status, CodeLists.MoetStaffStatus, required: true),
            PopulationCheck = ReadPopulationCheck(r, Wire.Staff),
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Staff, listingSchool);
    }

    /// <summary>One entry of <c>GET /provinces/{p}/schools</c>; the province is the one asked for. A level the list lacks is kept as sent.</summary>
    public static MappedRecord<SchoolRecord> MapSchool(JsonElement element, string provinceCode)
    {
        var r = new JsonRecordReader(element);
        var code = r.Code(Wire.SchoolListCode, required: true);
        var name = r.Text(Wire.SchoolName);
        var level = r.ListCode(Wire.SchoolLevel, CodeLists.SchoolLevel);
        var commune = r.Code(Wire.CommuneCode);
        var communeName = r.Text(Wire.CommuneName);
        return code is null || r.IdentityFailed
            ? MappedRecord<SchoolRecord>.Rejected(new(element.GetRawText(), code, [.. r.Reasons]))
            : MappedRecord<SchoolRecord>.Accepted(new SchoolRecord(code, name ?? code, level, commune, provinceCode, communeName), r.UnknownCodes);
    }

    // "01" = Nam, "02" = Nữ. A JSON number 1 or 2 is accepted: the code is a number written with a leading zero, and
    // dropping that zero cannot make it mean anything else.
    private static Gender? ReadGender(JsonRecordReader r) => r.ScalarListCode(Wire.Gender, CodeLists.NationalGender, required: true) switch
    {
        WireNames.Male => Gender.Male,
        WireNames.Female => Gender.Female,
        _ => null,
    };

    /// <summary>
    /// The population check, its disputed fields by their canonical names (TRUONG_SAI lists the record's own column names, which
    /// only this mapper knows); a name the record's table lacks is kept as sent.
    /// </summary>
    private static PopulationCheck? ReadPopulationCheck(JsonRecordReader r, FieldTable table)
    {
        if (r.Nested(Wire.PopulationCheck) is not { } check)
        {
            return null;
        }

        var status = check.ListCode(Wire.PopulationStatus, CodeLists.PopulationStatus, required: true);
        var checkedAt = check.Instant(Wire.CheckedAt);
        var disputed = check.StringArray(Wire.DisputedFields)?.Select(name => table.CanonicalOf(name) ?? name).ToList() ?? [];
        return new PopulationCheck(status, checkedAt, disputed);
    }

    private static HealthFindings? ReadHealth(JsonRecordReader r)
    {
        if (r.Nested(Wire.Health) is not { } health)
        {
            return null;
        }

        return new HealthFindings
        {
            ExamDate = health.Date(Wire.ExamDate, DateFormat, required: true),
            HeightCm = health.Decimal(Wire.HeightCm),
            WeightKg = health.Decimal(Wire.WeightKg),
            Bmi = health.Decimal(Wire.Bmi),
            BloodGroup = health.Text(Wire.BloodGroup),
            EyeCondition = health.Text(Wire.EyeCondition),
            CongenitalCondition = health.Text(Wire.CongenitalCondition),
            SpineCondition = health.Text(Wire.SpineCondition),
            CanSwim = health.Boolean(Wire.CanSwim),
        };
    }
}
