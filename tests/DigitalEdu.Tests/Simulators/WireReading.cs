using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalEdu.Tests.Simulators;

/// <summary>One record as served, with the listing it came from (dataset admin name) and the school that listing was for.</summary>
public sealed record ServedRecord(string Dataset, string ListingSchool, JsonObject Json);

/// <summary>
/// The reading rules, written out again on the test side from the rules document, so the simulator's ground truth is checked
/// against what it actually serves rather than against itself: which codes are known, and which values cannot be right.
/// </summary>
public static class WireReading
{
    public static readonly IReadOnlySet<string> SmsStudentStatuses = new HashSet<string> { "studying", "transferred_out", "dropped_out", "graduated" };
    public static readonly IReadOnlySet<string> SmsStaffStatuses = new HashSet<string> { "working", "left" };
    public static readonly IReadOnlySet<string> SmsPositions = new HashSet<string> { "teacher", "manager", "staff" };
    public static readonly IReadOnlySet<string> MoetStudentStatuses = new HashSet<string> { "DANG_HOC", "CHUYEN_DI", "THOI_HOC", "TOT_NGHIEP" };
    public static readonly IReadOnlySet<string> MoetStaffStatuses = new HashSet<string> { "DANG_LAM_VIEC", "NGHI_VIEC" };
    public static readonly IReadOnlySet<string> MoetPositions = new HashSet<string> { "GIAO_VIEN", "QUAN_LY", "NHAN_VIEN" };
    public static readonly IReadOnlySet<string> PopulationStatuses = new HashSet<string> { "DA_XAC_THUC", "CHUA_XAC_THUC", "SAI_THONG_TIN", "KHONG_TIM_THAY" };
    public static readonly IReadOnlySet<string> Levels = new HashSet<string> { "MN", "TH", "THCS", "THPT", "GDTX", "TH_THCS", "THCS_THPT" };
    public static readonly IReadOnlySet<string> EthnicityCodes = Enumerable.Range(1, 55).Select(n => n.ToString("D2", CultureInfo.InvariantCulture)).ToHashSet();

    private const int MaxNameLength = 200;
    private const int MaxShortTextLength = 50;

    private static readonly Dictionary<string, FieldNames> NamesByDataset = new()
    {
        ["sms-students"] = new("studentId", "moetCode", "personalId", "fullName", "dateOfBirth", "gender", "schoolCode", "status", "ethnicityCode",
            "fatherName", "motherName", "grade", "className", null, "updatedAt"),
        ["sms-staff"] = new("staffId", "moetStaffCode", "personalId", "fullName", "dateOfBirth", "gender", "schoolCode", "status", null,
            null, null, null, null, "position", "updatedAt"),
        ["provincial-learners"] = new("maHocSinh", null, "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh", "maTruong", "trangThai", "maDanToc",
            "hoTenCha", "hoTenMe", "khoi", "lop", null, "capNhatLuc"),
        ["provincial-staff"] = new("maCanBo", null, "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh", "maTruong", "trangThai", null,
            null, null, null, null, "viTri", "capNhatLuc"),
        ["national-students"] = new("HOC_SINH_ID", null, "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH", "TRUONG_ID", "MA_TRANG_THAI",
            "MA_DAN_TOC", "TEN_CHA", "TEN_ME", "KHOI", "LOP", null, "NGAY_CAP_NHAT"),
        ["national-staff"] = new("GIAO_VIEN_ID", null, "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH", "TRUONG_ID", "MA_TRANG_THAI", null,
            null, null, null, null, "VI_TRI", "NGAY_CAP_NHAT"),
    };

    /// <summary>Wire names of a person listing; <see cref="MoetCode"/> is null where the key is the MOET code.</summary>
    public sealed record FieldNames(string Key, string? MoetCode, string PersonalId, string FullName, string DateOfBirth, string Gender,
        string SchoolCode, string Status, string? EthnicityCode, string? FatherName, string? MotherName, string? Grade, string? ClassName,
        string? Position, string UpdatedAt);

    public static FieldNames Names(string dataset) => NamesByDataset[dataset];

    public static string SourceOf(string dataset) => dataset[..dataset.IndexOf('-', StringComparison.Ordinal)];

    public static string PersonKindOf(string dataset) => dataset is "sms-staff" or "provincial-staff" or "national-staff" ? "staff" : "student";

    public static string KeyField(string dataset) => dataset == "sms-health-exams" ? "examId" : Names(dataset).Key;

    /// <summary>A string value as sent, or null for anything else (absent, null, another JSON type).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A string value trimmed, null when absent, blank or not a string.</summary>
    public static string? Code(JsonNode? node) => Text(node)?.Trim() is { Length: > 0 } code ? code : null;

    /// <summary>Spaces, dots and dashes removed, as the reconciler cleans a personal ID.</summary>
    public static string? Digits(JsonNode? node) =>
        Code(node) is { } id ? new string(id.Where(c => c is not (' ' or '.' or '-')).ToArray()) : null;

    /// <summary>Whether the record's key property is there and readable.</summary>
    public static bool HasKey(ServedRecord record) => Code(record.Json[KeyField(record.Dataset)]) is not null;

    /// <summary>The canonical names of the fields of a stored record whose value cannot be right.</summary>
    public static IEnumerable<string> UnreadableFields(ServedRecord record)
    {
        var o = record.Json;
        if (record.Dataset == "sms-health-exams")
        {
            foreach (var field in UnreadableFindings(o, "healthExam.", "examDate", "yyyy-MM-dd", "heightCm", "weightKg", "bmi", "bloodGroup",
                "eyeCondition", "congenitalCondition", "spineCondition", "canSwim"))
            {
                yield return field;
            }

            if (!IsInstant(o["updatedAt"]))
            {
                yield return "healthExam.updatedAt";
            }

            yield break;
        }

        var n = Names(record.Dataset);
        var source = SourceOf(record.Dataset);
        var dateFormat = source == "national" ? "dd/MM/yyyy" : "yyyy-MM-dd";
        if (!IsText(o[n.FullName], MaxNameLength, required: true))
        {
            yield return "fullName";
        }

        if (!IsDate(o[n.DateOfBirth], dateFormat, required: true))
        {
            yield return "dateOfBirth";
        }

        if (!IsGender(o[n.Gender], source))
        {
            yield return "gender";
        }

        if (!IsCode(o[n.SchoolCode], required: true))
        {
            yield return "schoolCode";
        }

        if (!IsCode(o[n.Status], required: true))
        {
            yield return "status";
        }

        if (o[n.PersonalId] is { } id && id.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            yield return "personalId";
        }

        if (n.MoetCode is { } moet && o[moet] is { } code && !(Code(code) is { Length: 10 } digits && digits.All(char.IsAsciiDigit)))
        {
            yield return "moetCode";
        }

        if (n.EthnicityCode is { } ethnicity && !IsCode(o[ethnicity], required: false))
        {
            yield return "ethnicityCode";
        }

        if (n.FatherName is { } father && !IsText(o[father], MaxNameLength, required: false))
        {
            yield return "fatherName";
        }

        if (n.MotherName is { } mother && !IsText(o[mother], MaxNameLength, required: false))
        {
            yield return "motherName";
        }

        if (n.Grade is { } grade && !IsGrade(o[grade]))
        {
            yield return "grade";
        }

        if (n.ClassName is { } className && !IsText(o[className], MaxShortTextLength, required: false))
        {
            yield return "className";
        }

        if (n.Position is { } position && !IsCode(o[position], required: false))
        {
            yield return "position";
        }

        if (!IsInstant(o[n.UpdatedAt]))
        {
            yield return "updatedAt";
        }

        if (source != "national")
        {
            yield break;
        }

        switch (o["XAC_THUC_DAN_CU"])
        {
            case null:
                break;
            case JsonObject check:
                if (!IsCode(check["TRANG_THAI"], required: true))
                {
                    yield return "populationCheck.status";
                }

                if (check["THOI_DIEM"] is not null && !IsInstant(check["THOI_DIEM"]))
                {
                    yield return "populationCheck.checkedAt";
                }

                if (check["TRUONG_SAI"] is { } disputed && !(disputed is JsonArray a && a.All(e => Text(e) is not null)))
                {
                    yield return "populationCheck.disputedFields";
                }

                break;
            default:
                yield return "populationCheck";
                break;
        }

        switch (o["SUC_KHOE"])
        {
            case null:
                break;
            case JsonObject health:
                foreach (var field in UnreadableFindings(health, "nationalHealth.", "NGAY_KHAM", "dd/MM/yyyy", "CHIEU_CAO", "CAN_NANG", "CHI_SO_BMI",
                    "NHOM_MAU", "BENH_VE_MAT", "BENH_BAM_SINH", "BENH_COT_SONG", "BIET_BOI"))
                {
                    yield return field;
                }

                break;
            default:
                yield return "nationalHealth";
                break;
        }
    }

    /// <summary>
    /// The well-formed codes of a stored record that are in none of the lists, as (canonical field, code). A code-list field that
    /// is not a string is unreadable, not unknown.
    /// </summary>
    public static IEnumerable<(string Field, string Code)> UnknownCodes(ServedRecord record)
    {
        if (record.Dataset == "sms-health-exams")
        {
            yield break;
        }

        var o = record.Json;
        var n = Names(record.Dataset);
        var sms = SourceOf(record.Dataset) == "sms";
        var staff = PersonKindOf(record.Dataset) == "staff";
        var statuses = (sms, staff) switch
        {
            (true, false) => SmsStudentStatuses,
            (true, true) => SmsStaffStatuses,
            (false, false) => MoetStudentStatuses,
            _ => MoetStaffStatuses,
        };
        if (Code(o[n.Status]) is { } status && !statuses.Contains(status))
        {
            yield return ("status", status);
        }

        if (n.Position is { } p && Code(o[p]) is { } position && !(sms ? SmsPositions : MoetPositions).Contains(position))
        {
            yield return ("position", position);
        }

        if (n.EthnicityCode is { } e && Code(o[e]) is { } ethnicity && !EthnicityCodes.Contains(ethnicity))
        {
            yield return ("ethnicityCode", ethnicity);
        }

        if (o["XAC_THUC_DAN_CU"] is JsonObject check && Code(check["TRANG_THAI"]) is { } checkStatus && !PopulationStatuses.Contains(checkStatus))
        {
            yield return ("populationCheck.status", checkStatus);
        }
    }

    private static IEnumerable<string> UnreadableFindings(JsonObject o, string prefix, string date, string dateFormat, string height, string weight,
        string bmi, string bloodGroup, string eye, string congenital, string spine, string canSwim)
    {
        if (!IsDate(o[date], dateFormat, required: true))
        {
            yield return prefix + "examDate";
        }

        foreach (var (wire, canonical) in new[] { (height, "heightCm"), (weight, "weightKg"), (bmi, "bmi") })
        {
            if (o[wire] is { } value && !(value.GetValueKind() == JsonValueKind.Number && value.GetValue<decimal>() >= 0))
            {
                yield return prefix + canonical;
            }
        }

        if (!IsText(o[bloodGroup], MaxShortTextLength, required: false))
        {
            yield return prefix + "bloodGroup";
        }

        foreach (var (wire, canonical) in new[] { (eye, "eyeCondition"), (congenital, "congenitalCondition"), (spine, "spineCondition") })
        {
            if (!IsText(o[wire], MaxNameLength, required: false))
            {
                yield return prefix + canonical;
            }
        }

        if (o[canSwim] is { } swim && swim.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            yield return prefix + "canSwim";
        }
    }

    private static bool IsText(JsonNode? node, int maxLength, bool required)
    {
        if (node is null)
        {
            return !required;
        }

        if (Text(node) is not { } text)
        {
            return false;
        }

        return (!required || !string.IsNullOrWhiteSpace(text)) && text.Trim().Length <= maxLength && !text.Any(char.IsControl);
    }

    private static bool IsCode(JsonNode? node, bool required) => node is null ? !required : Code(node) is { } code && !code.Any(char.IsControl);

    private static bool IsDate(JsonNode? node, string format, bool required)
    {
        if (node is null)
        {
            return !required;
        }

        return Text(node) is { } text
            && DateOnly.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= new DateOnly(1900, 1, 1)
            && date <= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    }

    private static bool IsInstant(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static bool IsGender(JsonNode? node, string source) => source switch
    {
        "sms" => Code(node) is "male" or "female",
        "provincial" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<decimal>() is 1 or 2,
        _ => Code(node) is "01" or "02",
    };

    private static bool IsGrade(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<int>(out var n) && n is >= 0 and <= 12,
        JsonValue v when Code(v) is { } text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 12,
        _ => false,
    };
}
