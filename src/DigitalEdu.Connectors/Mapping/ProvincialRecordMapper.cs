using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The provincial education database's records into the canonical model. The only place that knows its field names.
/// It keys people by the MOET code, so that code is both the source key and <see cref="PersonRecord.MoetCode"/>.
/// </summary>
public sealed class ProvincialRecordMapper(PersonRecordValidator persons)
{
    private const string DateFormat = "yyyy-MM-dd";

    private static readonly Dictionary<string, string> LearnerFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "maHocSinh",
        [nameof(PersonRecord.MoetCode)] = "maHocSinh",
        [nameof(PersonRecord.PersonalIdRaw)] = "soDinhDanh",
        [nameof(PersonRecord.FullName)] = "hoTen",
        [nameof(PersonRecord.DateOfBirth)] = "ngaySinh",
        [nameof(PersonRecord.Gender)] = "gioiTinh",
        [nameof(PersonRecord.EthnicityCode)] = "maDanToc",
        [nameof(PersonRecord.FatherName)] = "hoTenCha",
        [nameof(PersonRecord.MotherName)] = "hoTenMe",
        [nameof(PersonRecord.SchoolCode)] = "maTruong",
        [nameof(PersonRecord.Grade)] = "khoi",
        [nameof(PersonRecord.ClassName)] = "lop",
        [nameof(PersonRecord.Status)] = "trangThai",
        [nameof(PersonRecord.UpdatedAt)] = "capNhatLuc",
    };

    private static readonly Dictionary<string, string> StaffFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "maCanBo",
        [nameof(PersonRecord.MoetCode)] = "maCanBo",
        [nameof(PersonRecord.PersonalIdRaw)] = "soDinhDanh",
        [nameof(PersonRecord.FullName)] = "hoTen",
        [nameof(PersonRecord.DateOfBirth)] = "ngaySinh",
        [nameof(PersonRecord.Gender)] = "gioiTinh",
        [nameof(PersonRecord.SchoolCode)] = "maTruong",
        [nameof(PersonRecord.Position)] = "viTri",
        [nameof(PersonRecord.Status)] = "trangThai",
        [nameof(PersonRecord.UpdatedAt)] = "capNhatLuc",
    };

    public MappedRecord<PersonRecord> MapLearner(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code("maHocSinh"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.Provincial,
            Kind = PersonKind.Student,
            SourceKey = key ?? "",
            MoetCode = key,
            PersonalIdRaw = r.RawScalar("soDinhDanh"u8),
            FullName = r.Text("hoTen"u8, required: true) ?? "",
            DateOfBirth = r.Date("ngaySinh"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            EthnicityCode = r.Code("maDanToc"u8),
            FatherName = r.Text("hoTenCha"u8),
            MotherName = r.Text("hoTenMe"u8),
            SchoolCode = r.Code("maTruong"u8, required: true) ?? "",
            // A grade sent as "8" means 8; nothing else can be meant.
            Grade = r.Integer("khoi"u8, required: true, acceptDigitString: true),
            ClassName = r.Text("lop"u8),
            Status = MoetCodeLists.Status(r, "trangThai"u8, PersonKind.Student) ?? "",
            UpdatedAt = r.Instant("capNhatLuc"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, persons, LearnerFields);
    }

    public MappedRecord<PersonRecord> MapStaff(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code("maCanBo"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.Provincial,
            Kind = PersonKind.Staff,
            SourceKey = key ?? "",
            MoetCode = key,
            PersonalIdRaw = r.RawScalar("soDinhDanh"u8),
            FullName = r.Text("hoTen"u8, required: true) ?? "",
            DateOfBirth = r.Date("ngaySinh"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            SchoolCode = r.Code("maTruong"u8, required: true) ?? "",
            Position = MoetCodeLists.Position(r, "viTri"u8),
            Status = MoetCodeLists.Status(r, "trangThai"u8, PersonKind.Staff) ?? "",
            UpdatedAt = r.Instant("capNhatLuc"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, persons, StaffFields);
    }

    // 1 = Nam, 2 = Nữ. "1" as a string is accepted: a one-digit code cannot be misread.
    private static Gender? ReadGender(JsonRecordReader r) => r.Integer("gioiTinh"u8, required: true, acceptDigitString: true) switch
    {
        null => null,
        1 => Gender.Male,
        2 => Gender.Female,
        var other => Unknown(r, other.Value),
    };

    private static Gender? Unknown(JsonRecordReader r, int value)
    {
        r.Fail("gioiTinh"u8, $"{value} is unknown");
        return null;
    }
}
