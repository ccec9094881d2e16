using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The provincial education database's records into the canonical model. The only place that knows its field names, each
/// written once below. It keys people by the MOET code, so that code is both the source key and
/// <see cref="PersonRecord.MoetCode"/>.
/// </summary>
public sealed class ProvincialRecordMapper(PersonRecordValidator persons)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The provincial database's wire fields, each with its canonical field and role, and the record kinds' tables.</summary>
    private static class Wire
    {
        public static readonly WireField LearnerId = WireField.Identity("maHocSinh", Fields.SourceKey);
        public static readonly WireField LearnerMoetCode = LearnerId.Also(Fields.MoetCode, FieldRole.Compared);
        public static readonly WireField StaffId = WireField.Identity("maCanBo", Fields.SourceKey);
        public static readonly WireField StaffMoetCode = StaffId.Also(Fields.MoetCode, FieldRole.Compared);
        public static readonly WireField PersonalId = WireField.Compared("soDinhDanh", Fields.PersonalId);
        public static readonly WireField FullName = WireField.Compared("hoTen", Fields.FullName);
        public static readonly WireField DateOfBirth = WireField.Compared("ngaySinh", Fields.DateOfBirth);
        public static readonly WireField Gender = WireField.Compared("gioiTinh", Fields.Gender);
        public static readonly WireField EthnicityCode = WireField.Compared("maDanToc", Fields.EthnicityCode);
        public static readonly WireField FatherName = WireField.Compared("hoTenCha", Fields.FatherName);
        public static readonly WireField MotherName = WireField.Compared("hoTenMe", Fields.MotherName);
        public static readonly WireField SchoolCode = WireField.Compared("maTruong", Fields.SchoolCode);
        public static readonly WireField Grade = WireField.Compared("khoi", Fields.Grade);
        public static readonly WireField ClassName = WireField.Compared("lop", Fields.ClassName);
        public static readonly WireField Status = WireField.Compared("trangThai", Fields.Status);
        public static readonly WireField Position = WireField.Descriptive("viTri", Fields.Position);
        public static readonly WireField UpdatedAt = WireField.Descriptive("capNhatLuc", Fields.UpdatedAt);

        public static readonly FieldTable Learners = new(
            LearnerId, LearnerMoetCode, PersonalId, FullName, DateOfBirth, Gender, EthnicityCode, FatherName, MotherName, SchoolCode, Grade, ClassName,
            Status, UpdatedAt);

        public static readonly FieldTable Staff = new(StaffId, StaffMoetCode, PersonalId, FullName, DateOfBirth, Gender, SchoolCode, Position, Status, UpdatedAt);
    }

    /// <summary>One learner of a listing of <paramref name="listingSchool"/> (null for the whole province).</summary>
    public MappedRecord<PersonRecord> MapLearner(JsonElement element, string? listingSchool = null)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code(Wire.LearnerId, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.Provincial,
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
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Learners, listingSchool);
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
            Source = Source.Provincial,
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
            UpdatedAt = r.Instant(Wire.UpdatedAt, required: true) ?? DateTimeOffset.MinValue,
        };
        return RecordCompletion.Complete(element, r, candidate, persons, Wire.Staff, listingSchool);
    }

    // 1 = Nam, 2 = Nữ, as a number or the same digit as text: a one-digit code cannot be misread.
    private static Gender? ReadGender(JsonRecordReader r) => r.ScalarListCode(Wire.Gender, CodeLists.ProvincialGender, required: true) switch
    {
        WireNames.Male => Gender.Male,
        WireNames.Female => Gender.Female,
        _ => null,
    };
}
