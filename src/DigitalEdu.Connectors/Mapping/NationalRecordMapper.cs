using System.Text.Json;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The national MOET database's records into the canonical model. The only place that knows its field names (the
/// column names of Quyết định 4998/QĐ-BGDĐT). Dates are dd/MM/yyyy; the person ID is the MOET code.
/// </summary>
public sealed class NationalRecordMapper(PersonRecordValidator persons)
{
    private const string DateFormat = "dd/MM/yyyy";

    private static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
    {
        [nameof(PersonRecord.PersonalIdRaw)] = "MA_DINH_DANH",
        [nameof(PersonRecord.FullName)] = "HO_TEN",
        [nameof(PersonRecord.DateOfBirth)] = "NGAY_SINH",
        [nameof(PersonRecord.Gender)] = "MA_GIOI_TINH",
        [nameof(PersonRecord.SchoolCode)] = "TRUONG_ID",
        [nameof(PersonRecord.Status)] = "MA_TRANG_THAI",
        [nameof(PersonRecord.UpdatedAt)] = "NGAY_CAP_NHAT",
        ["PopulationCheck.Status"] = "XAC_THUC_DAN_CU.TRANG_THAI",
    };

    private static readonly Dictionary<string, string> StudentFields = new(CommonFields, StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "HOC_SINH_ID",
        [nameof(PersonRecord.MoetCode)] = "HOC_SINH_ID",
        [nameof(PersonRecord.EthnicityCode)] = "MA_DAN_TOC",
        [nameof(PersonRecord.FatherName)] = "TEN_CHA",
        [nameof(PersonRecord.MotherName)] = "TEN_ME",
        [nameof(PersonRecord.Grade)] = "KHOI",
        [nameof(PersonRecord.ClassName)] = "LOP",
        ["NationalHealth.ExamDate"] = "SUC_KHOE.NGAY_KHAM",
        ["NationalHealth.HeightCm"] = "SUC_KHOE.CHIEU_CAO",
        ["NationalHealth.WeightKg"] = "SUC_KHOE.CAN_NANG",
        ["NationalHealth.Bmi"] = "SUC_KHOE.CHI_SO_BMI",
        ["NationalHealth.BloodGroup"] = "SUC_KHOE.NHOM_MAU",
        ["NationalHealth.EyeCondition"] = "SUC_KHOE.BENH_VE_MAT",
        ["NationalHealth.CongenitalCondition"] = "SUC_KHOE.BENH_BAM_SINH",
        ["NationalHealth.SpineCondition"] = "SUC_KHOE.BENH_COT_SONG",
    };

    private static readonly Dictionary<string, string> StaffFields = new(CommonFields, StringComparer.Ordinal)
    {
        [nameof(PersonRecord.SourceKey)] = "GIAO_VIEN_ID",
        [nameof(PersonRecord.MoetCode)] = "GIAO_VIEN_ID",
        [nameof(PersonRecord.Position)] = "VI_TRI",
    };

    public MappedRecord<PersonRecord> MapStudent(JsonElement element)
    {
        var r = new JsonRecordReader(element);
        if (!r.IsObject)
        {
            return RecordCompletion.NotAnObject<PersonRecord>(element, r);
        }

        var key = r.Code("HOC_SINH_ID"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.National,
            Kind = PersonKind.Student,
            SourceKey = key ?? "",
            MoetCode = key,
            PersonalIdRaw = r.RawScalar("MA_DINH_DANH"u8),
            FullName = r.Text("HO_TEN"u8, required: true) ?? "",
            DateOfBirth = r.Date("NGAY_SINH"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            EthnicityCode = r.Code("MA_DAN_TOC"u8),
            FatherName = r.Text("TEN_CHA"u8),
            MotherName = r.Text("TEN_ME"u8),
            SchoolCode = r.Code("TRUONG_ID"u8, required: true) ?? "",
            // A grade sent as "8" means 8; nothing else can be meant.
            Grade = r.Integer("KHOI"u8, required: true, acceptDigitString: true),
            ClassName = r.Text("LOP"u8),
            Status = MoetCodeLists.Status(r, "MA_TRANG_THAI"u8, PersonKind.Student) ?? "",
            PopulationCheck = ReadPopulationCheck(r),
            NationalHealth = ReadHealth(r),
            UpdatedAt = r.Instant("NGAY_CAP_NHAT"u8, required: true) ?? default,
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

        var key = r.Code("GIAO_VIEN_ID"u8, required: true);
        var candidate = new PersonRecord
        {
            Source = Source.National,
            Kind = PersonKind.Staff,
            SourceKey = key ?? "",
            MoetCode = key,
            PersonalIdRaw = r.RawScalar("MA_DINH_DANH"u8),
            FullName = r.Text("HO_TEN"u8, required: true) ?? "",
            DateOfBirth = r.Date("NGAY_SINH"u8, DateFormat, required: true) ?? default,
            Gender = ReadGender(r) ?? default,
            SchoolCode = r.Code("TRUONG_ID"u8, required: true) ?? "",
            Position = MoetCodeLists.Position(r, "VI_TRI"u8),
            Status = MoetCodeLists.Status(r, "MA_TRANG_THAI"u8, PersonKind.Staff) ?? "",
            PopulationCheck = ReadPopulationCheck(r),
            UpdatedAt = r.Instant("NGAY_CAP_NHAT"u8, required: true) ?? default,
        };
        return RecordCompletion.Complete(element, r, candidate, key, persons, StaffFields);
    }

    /// <summary>One entry of <c>GET /provinces/{p}/schools</c>; the province is the one asked for.</summary>
    public static MappedRecord<SchoolRecord> MapSchool(JsonElement element, string provinceCode)
    {
        var r = new JsonRecordReader(element);
        var code = r.Code("TRUONG_ID"u8, required: true);
        var name = r.Text("TEN_TRUONG"u8);
        var level = r.Code("CAP_HOC"u8);
        var commune = r.Code("MA_XA"u8);
        return code is null || r.Reasons.Count > 0
            ? MappedRecord<SchoolRecord>.Rejected(new(element.GetRawText(), code, [.. r.Reasons]))
            : MappedRecord<SchoolRecord>.Accepted(new SchoolRecord(code, name ?? code, level, commune, provinceCode));
    }

    // "01" = Nam, "02" = Nữ. A JSON number 1 or 2 is accepted: the code is a number written with a leading zero, and
    // dropping that zero cannot make it mean anything else.
    private static Gender? ReadGender(JsonRecordReader r)
    {
        var code = r.RawScalar("MA_GIOI_TINH"u8);
        if (code is null)
        {
            r.Fail("MA_GIOI_TINH"u8, "missing");
            return null;
        }

        if (r.HasFailed("MA_GIOI_TINH"))
        {
            return null;
        }

        switch (code)
        {
            case "01" or "1":
                return Gender.Male;
            case "02" or "2":
                return Gender.Female;
            default:
                r.Fail("MA_GIOI_TINH"u8, $"{JsonRecordReader.Quote(code)} is unknown");
                return null;
        }
    }

    private static PopulationCheck? ReadPopulationCheck(JsonRecordReader r)
    {
        if (r.Nested("XAC_THUC_DAN_CU"u8) is not { } check)
        {
            return null;
        }

        var status = check.Code("TRANG_THAI"u8, required: true);
        var checkedAt = check.Instant("THOI_DIEM"u8);
        var disputed = check.StringArray("TRUONG_SAI"u8) ?? [];
        return status is null ? null : new PopulationCheck(status, checkedAt, disputed);
    }

    private static HealthFindings? ReadHealth(JsonRecordReader r)
    {
        if (r.Nested("SUC_KHOE"u8) is not { } health)
        {
            return null;
        }

        var examDate = health.Date("NGAY_KHAM"u8, DateFormat, required: true);
        var findings = new HealthFindings
        {
            ExamDate = examDate ?? default,
            HeightCm = health.Decimal("CHIEU_CAO"u8),
            WeightKg = health.Decimal("CAN_NANG"u8),
            Bmi = health.Decimal("CHI_SO_BMI"u8),
            BloodGroup = health.Text("NHOM_MAU"u8),
            EyeCondition = health.Text("BENH_VE_MAT"u8),
            CongenitalCondition = health.Text("BENH_BAM_SINH"u8),
            SpineCondition = health.Text("BENH_COT_SONG"u8),
            CanSwim = health.Boolean("BIET_BOI"u8),
        };
        return examDate is null ? null : findings;
    }
}
