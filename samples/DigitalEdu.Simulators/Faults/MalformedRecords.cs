using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Faults;

/// <summary>What the reading rules make of a malformed record.</summary>
public enum MalformedOutcome
{
    /// <summary>It cannot be placed and says whose it is nowhere: quarantined whole, nothing stored, no item.</summary>
    Quarantined,

    /// <summary>
    /// It cannot be placed (no readable key), but its MOET code or personal ID can be read: quarantined, and stored as a placeholder
    /// person that counts as present; one <c>record_quarantined</c> item.
    /// </summary>
    QuarantinedAttributable,

    /// <summary>Kept with <see cref="MalformedRecord.Field"/> unknown and its raw value stored; one <c>unreadable_value</c> item.</summary>
    Unreadable,

    /// <summary>Kept with <see cref="MalformedRecord.Field"/> holding a well-formed code of no known list (<see cref="MalformedRecord.Code"/>): no item, code-list drift.</summary>
    UnknownCode,
}

/// <summary>
/// One malformed record: which listing it fits, what is wrong with it, its exact bytes on the wire, and what the reader must make
/// of it. <see cref="Field"/> is the canonical field name (e.g. <c>dateOfBirth</c>, <c>healthExam.heightCm</c>) for
/// <see cref="MalformedOutcome.Unreadable"/> and <see cref="MalformedOutcome.UnknownCode"/>, null otherwise.
/// </summary>
public sealed record MalformedRecord(string Id, string Dataset, string Defect, byte[] Json, MalformedOutcome Outcome, string? Field, string? Code = null)
{
    /// <summary>The marker every record of the corpus carries in its raw text (a <c>_fault</c> field, or its value).</summary>
    public string Marker => Id;
}

/// <summary>
/// The corpus of malformed records the fault injector adds to pages: wrong types, impossible dates, unknown codes, over-long
/// names, NUL bytes, invalid UTF-8, missing keys, records that are not objects. Every record belongs to no one: its SMS keys
/// start with FAULT-, its MOET codes with 99 and its personal IDs with 299 (a prefix of births registered abroad, which the
/// generator never issues), each used once, so a kept corpus record is a stored person that pairs with nothing. Its items can be
/// told apart by <see cref="MoetCodes"/> and by SMS keys starting FAULT-.
/// </summary>
public static class MalformedRecords
{
    private const string InvalidUtf8Placeholder = "@@INVALID-UTF8@@";

    // 0xC3 starts a two-byte sequence that 0x28 "(" does not continue; 0xFF is never valid in UTF-8.
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF];

    private static readonly string LongName = string.Concat(Enumerable.Repeat("Nguyễn Thị Minh Khai ", 15))[..300];

    // The listings in a fixed order; a record's MOET code and personal ID carry its listing's number and its place in it.
    private static readonly string[] Datasets =
        ["sms-students", "sms-staff", "sms-health-exams", "provincial-learners", "provincial-staff", "national-students", "national-staff"];

    private static readonly Dictionary<string, (string? Moet, string Id)> IdentityFields = new(StringComparer.Ordinal)
    {
        ["sms-students"] = ("moetCode", "personalId"),
        ["sms-staff"] = ("moetStaffCode", "personalId"),
        ["provincial-learners"] = ("maHocSinh", "soDinhDanh"),
        ["provincial-staff"] = ("maCanBo", "soDinhDanh"),
        ["national-students"] = ("HOC_SINH_ID", "MA_DINH_DANH"),
        ["national-staff"] = ("GIAO_VIEN_ID", "MA_DINH_DANH"),
    };

    public static readonly IReadOnlyList<MalformedRecord> All = Build();

    /// <summary>Every MOET code the corpus uses (as sent, before any defect), none of which a generated person holds.</summary>
    public static readonly IReadOnlyList<string> MoetCodes = [.. All.Select(r => Identity(r).Moet).OfType<string>()];

    /// <summary>Every personal ID the corpus uses (as sent, before any defect), none of which a generated person holds.</summary>
    public static readonly IReadOnlyList<string> PersonalIds = [.. All.Select(r => Identity(r).PersonalId).OfType<string>()];

    /// <summary>The records that fit one listing (names as the admin endpoints use them, e.g. <c>sms-students</c>).</summary>
    public static IReadOnlyList<MalformedRecord> For(string dataset) => All.Where(r => r.Dataset == dataset).ToArray();

    /// <summary>The MOET code and personal ID a corpus record was given, before its defect; null for exams and raw records.</summary>
    public static (string? Moet, string? PersonalId) Identity(MalformedRecord record)
    {
        var datasetIndex = Array.IndexOf(Datasets, record.Dataset);
        if (!IdentityFields.TryGetValue(record.Dataset, out _) || !int.TryParse(record.Id[^2..], out var index) || record.Id.Contains("-raw-", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var staff = record.Dataset.EndsWith("staff", StringComparison.Ordinal);
        // Digits 4-6 agree with the template's gender and year of birth, so the ID is valid as sent.
        var genderAndYear = staff ? "086" : "312";
        return ($"99{datasetIndex:D2}{index:D6}", $"299{genderAndYear}{datasetIndex:D2}{index:D4}");
    }

    private static List<MalformedRecord> Build()
    {
        var corpus = new List<MalformedRecord>();

        // The identity fields (key, MOET code, personal ID) are filled in per record by Add.
        var smsStudent = """
            {"studentId":"S","moetCode":"M","personalId":"P","fullName":"Nguyễn Thị Thu Hà","dateOfBirth":"2012-03-09",
             "gender":"female","ethnicityCode":"01","fatherName":"Nguyễn Văn Nam","motherName":"Trần Thị Lan","schoolCode":"22000123",
             "grade":8,"className":"8A2","status":"studying","updatedAt":"2026-10-01T07:15:00Z"}
            """;
        Add(corpus, "sms-students", "studentId", smsStudent,
            ("impossible date", o => o["dateOfBirth"] = "2012-02-31", Unreadable("dateOfBirth")),
            ("date as a number", o => o["dateOfBirth"] = 20120309, Unreadable("dateOfBirth")),
            ("date in the wrong format", o => o["dateOfBirth"] = "09/03/2012", Unreadable("dateOfBirth")),
            ("date in the future", o => o["dateOfBirth"] = "2099-01-01", Unreadable("dateOfBirth")),
            ("grade out of range", o => o["grade"] = 14, Unreadable("grade")),
            ("grade in words", o => o["grade"] = "tám", Unreadable("grade")),
            ("negative grade", o => o["grade"] = -1, Unreadable("grade")),
            ("unknown gender", o => o["gender"] = "other", Unreadable("gender")),
            ("gender as a number", o => o["gender"] = 2, Unreadable("gender")),
            ("unknown status", o => o["status"] = "suspended", UnknownCode("status", "suspended")),
            ("300-character name", o => o["fullName"] = LongName, Unreadable("fullName")),
            ("NUL byte in the name", o => o["fullName"] = "Nguyễn\0Thị Hà", Unreadable("fullName")),
            ("invalid UTF-8 in the name", o => o["fullName"] = "Nguyễn " + InvalidUtf8Placeholder, Unreadable("fullName")),
            ("name missing", o => o.Remove("fullName"), Unreadable("fullName")),
            ("blank name", o => o["fullName"] = "   ", Unreadable("fullName")),
            ("key missing", o => o.Remove("studentId"), Attributable),
            // A number cannot be a key (it would have lost its leading zeros), but the MOET code beside it still says whose it is.
            ("key as a number", o => o["studentId"] = 1842, Attributable),
            ("MOET code not ten digits", o => o["moetCode"] = "22ABC", Unreadable("moetCode")),
            ("school code missing", o => o.Remove("schoolCode"), Unreadable("schoolCode")),
            ("300-character father's name", o => o["fatherName"] = LongName, Unreadable("fatherName")),
            ("control character in the class", o => o["className"] = "8A\u0007", Unreadable("className")),
            ("gender as an array", o => o["gender"] = new JsonArray("male", "female"), Unreadable("gender")));
        corpus.Add(Raw("FAULT-sms-students-raw-1", "sms-students", "record is a string", "\"FAULT-sms-students-raw-1\""));
        corpus.Add(Raw("FAULT-sms-students-raw-2", "sms-students", "record is an array", "[\"FAULT-sms-students-raw-2\", 8]"));

        var smsStaff = """
            {"staffId":"T","moetStaffCode":"M","personalId":"P","fullName":"Phạm Văn Đức","dateOfBirth":"1986-11-30",
             "gender":"male","schoolCode":"22000123","position":"teacher","status":"working","updatedAt":"2026-09-05T02:00:00Z"}
            """;
        Add(corpus, "sms-staff", "staffId", smsStaff,
            ("unknown position", o => o["position"] = "janitor", UnknownCode("position", "janitor")),
            ("unknown status", o => o["status"] = "retired", UnknownCode("status", "retired")),
            ("month 13", o => o["dateOfBirth"] = "1986-13-01", Unreadable("dateOfBirth")),
            ("key missing", o => o.Remove("staffId"), Attributable),
            ("NUL byte in the name", o => o["fullName"] = "Phạm\0Văn Đức", Unreadable("fullName")),
            ("invalid UTF-8 in the name", o => o["fullName"] = InvalidUtf8Placeholder + " Đức", Unreadable("fullName")),
            ("gender as a letter", o => o["gender"] = "M", Unreadable("gender")),
            ("born before 1900", o => o["dateOfBirth"] = "1886-11-30", Unreadable("dateOfBirth")));

        // The pupil is no SMS record at all, so a kept exam pairs with nothing and cannot become anyone's latest exam.
        var exam = """
            {"examId":"H","studentId":"FAULT-sms-students-pupil","examDate":"2026-09-20","heightCm":152.5,"weightKg":41.2,"bmi":17.7,
             "bloodGroup":"O","eyeCondition":"myopia","congenitalCondition":null,"spineCondition":null,"canSwim":true,
             "updatedAt":"2026-09-21T03:00:00Z"}
            """;
        Add(corpus, "sms-health-exams", "examId", exam,
            ("impossible exam date", o => o["examDate"] = "2026-02-30", Unreadable("healthExam.examDate")),
            ("height in words", o => o["heightCm"] = "cao", Unreadable("healthExam.heightCm")),
            // Exams are not persons: without its id or its pupil an exam cannot be placed, and no placeholder stands for it.
            ("exam id missing", o => o.Remove("examId"), Quarantined),
            ("student missing", o => o.Remove("studentId"), Quarantined),
            ("negative weight", o => o["weightKg"] = -5, Unreadable("healthExam.weightKg")),
            ("swimming as text", o => o["canSwim"] = "có", Unreadable("healthExam.canSwim")),
            ("exam date in the future", o => o["examDate"] = "2099-09-20", Unreadable("healthExam.examDate")));

        var learner = """
            {"maHocSinh":"M","soDinhDanh":"P","hoTen":"Nguyễn Thị Thu Hà","ngaySinh":"2012-03-09","gioiTinh":2,"maDanToc":"01",
             "hoTenCha":"Nguyễn Văn Nam","hoTenMe":"Trần Thị Lan","maTruong":"22000123","khoi":8,"lop":"8A2","trangThai":"DANG_HOC",
             "capNhatLuc":"2026-10-02T00:00:00Z"}
            """;
        Add(corpus, "provincial-learners", "maHocSinh", learner,
            ("unknown gender code", o => o["gioiTinh"] = 3, Unreadable("gender")),
            ("gender as text", o => o["gioiTinh"] = "Nam", Unreadable("gender")),
            ("impossible date", o => o["ngaySinh"] = "2012-02-30", Unreadable("dateOfBirth")),
            ("grade out of range", o => o["khoi"] = 14, Unreadable("grade")),
            ("unknown status", o => o["trangThai"] = "TAM_DUNG", UnknownCode("status", "TAM_DUNG")),
            ("key missing", o => o.Remove("maHocSinh"), Attributable),
            ("300-character name", o => o["hoTen"] = LongName, Unreadable("fullName")),
            ("invalid UTF-8 in the name", o => o["hoTen"] = "Trần " + InvalidUtf8Placeholder, Unreadable("fullName")),
            ("NUL byte in the name", o => o["hoTen"] = "Trần\0Lan", Unreadable("fullName")),
            ("school code as a number", o => o["maTruong"] = 22000123, Unreadable("schoolCode")));

        var provincialStaff = """
            {"maCanBo":"C","soDinhDanh":"P","hoTen":"Phạm Văn Đức","ngaySinh":"1986-11-30","gioiTinh":1,"maTruong":"22000123",
             "viTri":"GIAO_VIEN","trangThai":"DANG_LAM_VIEC","capNhatLuc":"2026-09-06T00:00:00Z"}
            """;
        Add(corpus, "provincial-staff", "maCanBo", provincialStaff,
            ("unknown position", o => o["viTri"] = "BAO_VE_VU_TRU", UnknownCode("position", "BAO_VE_VU_TRU")),
            ("unknown status", o => o["trangThai"] = "NGHI_HUU_SOM", UnknownCode("status", "NGHI_HUU_SOM")),
            ("gender code 0", o => o["gioiTinh"] = 0, Unreadable("gender")),
            ("date in the national format", o => o["ngaySinh"] = "30/11/1986", Unreadable("dateOfBirth")),
            ("key missing", o => o.Remove("maCanBo"), Attributable));

        var nationalStudent = """
            {"HOC_SINH_ID":"N","MA_DINH_DANH":"P","HO_TEN":"Nguyễn Thị Thu Hà","NGAY_SINH":"09/03/2012","MA_GIOI_TINH":"02",
             "MA_DAN_TOC":"01","TEN_CHA":"Nguyễn Văn Nam","TEN_ME":"Trần Thị Lan","TRUONG_ID":"22000123","KHOI":8,"LOP":"8A2",
             "MA_TRANG_THAI":"DANG_HOC","XAC_THUC_DAN_CU":{"TRANG_THAI":"DA_XAC_THUC","THOI_DIEM":"2026-09-01T00:00:00Z","TRUONG_SAI":[]},
             "SUC_KHOE":{"NGAY_KHAM":"20/09/2025","CHIEU_CAO":148.0,"CAN_NANG":38.5,"CHI_SO_BMI":17.6,"NHOM_MAU":"O","BENH_VE_MAT":"myopia",
                         "BENH_BAM_SINH":null,"BENH_COT_SONG":null,"BIET_BOI":true},
             "NGAY_CAP_NHAT":"2026-10-03T00:00:00Z"}
            """;
        Add(corpus, "national-students", "HOC_SINH_ID", nationalStudent,
            ("impossible date", o => o["NGAY_SINH"] = "31/02/2012", Unreadable("dateOfBirth")),
            ("date in the SMS format", o => o["NGAY_SINH"] = "2012-03-09", Unreadable("dateOfBirth")),
            ("unknown gender code", o => o["MA_GIOI_TINH"] = "03", Unreadable("gender")),
            ("grade in words", o => o["KHOI"] = "tám", Unreadable("grade")),
            ("unknown status", o => o["MA_TRANG_THAI"] = "TAM_DUNG", UnknownCode("status", "TAM_DUNG")),
            ("unknown population check status", o => o["XAC_THUC_DAN_CU"]!["TRANG_THAI"] = "LA_LA", UnknownCode("populationCheck.status", "LA_LA")),
            ("population check as text", o => o["XAC_THUC_DAN_CU"] = "DA_XAC_THUC", Unreadable("populationCheck")),
            ("impossible health exam date", o => o["SUC_KHOE"]!["NGAY_KHAM"] = "31/02/2025", Unreadable("nationalHealth.examDate")),
            ("height in words", o => o["SUC_KHOE"]!["CHIEU_CAO"] = "cao", Unreadable("nationalHealth.heightCm")),
            ("300-character name", o => o["HO_TEN"] = LongName, Unreadable("fullName")),
            ("NUL byte in the name", o => o["HO_TEN"] = "Nguyễn\0Hà", Unreadable("fullName")),
            ("invalid UTF-8 in the name", o => o["HO_TEN"] = InvalidUtf8Placeholder, Unreadable("fullName")),
            ("key missing", o => o.Remove("HOC_SINH_ID"), Attributable));
        corpus.Add(Raw("FAULT-national-students-raw-1", "national-students", "record of another shape", "{\"FAULT-national-students-raw-1\":{\"HOC_SINH_ID\":2200184213}}"));

        var nationalStaff = """
            {"GIAO_VIEN_ID":"G","MA_DINH_DANH":"P","HO_TEN":"Phạm Văn Đức","NGAY_SINH":"30/11/1986","MA_GIOI_TINH":"01",
             "TRUONG_ID":"22000123","VI_TRI":"GIAO_VIEN","MA_TRANG_THAI":"DANG_LAM_VIEC",
             "XAC_THUC_DAN_CU":{"TRANG_THAI":"DA_XAC_THUC","THOI_DIEM":"2026-09-01T00:00:00Z","TRUONG_SAI":[]},
             "NGAY_CAP_NHAT":"2026-09-06T00:00:00Z"}
            """;
        Add(corpus, "national-staff", "GIAO_VIEN_ID", nationalStaff,
            ("unknown position", o => o["VI_TRI"] = "PHI_HANH_GIA", UnknownCode("position", "PHI_HANH_GIA")),
            ("unknown status", o => o["MA_TRANG_THAI"] = "NGHI_HUU_SOM", UnknownCode("status", "NGHI_HUU_SOM")),
            ("date with dashes", o => o["NGAY_SINH"] = "30-11-1986", Unreadable("dateOfBirth")),
            // 3, not 1: a bare 1 is read as "01" by a lenient reader; 3 is no gender whichever way it is read.
            ("gender as a number", o => o["MA_GIOI_TINH"] = 3, Unreadable("gender")),
            ("key missing", o => o.Remove("GIAO_VIEN_ID"), Attributable),
            ("NUL byte in the school", o => o["TRUONG_ID"] = "2200\00123", Unreadable("schoolCode")));

        return corpus;
    }

    private static void Add(List<MalformedRecord> corpus, string dataset, string keyField, string template,
        params (string Defect, Action<JsonObject> Apply, Expected Expected)[] defects)
    {
        foreach (var (defect, apply, expected) in defects)
        {
            var id = $"FAULT-{dataset}-{corpus.Count(r => r.Dataset == dataset) + 1:D2}";
            var record = JsonNode.Parse(template)!.AsObject();
            var provisional = new MalformedRecord(id, dataset, defect, [], expected.Outcome, expected.Field, expected.Code);
            var (moet, personalId) = Identity(provisional);
            // An SMS record keeps its FAULT- key and carries the MOET code beside it; the other listings are keyed by the MOET code.
            if (dataset.StartsWith("sms-", StringComparison.Ordinal))
            {
                record[keyField] = id;
            }

            if (IdentityFields.TryGetValue(dataset, out var fields))
            {
                record[fields.Moet!] = moet;
                record[fields.Id] = personalId;
            }

            record["_fault"] = id;
            apply(record);
            var json = JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject);
            corpus.Add(provisional with { Json = ReplaceInvalidUtf8(json) });
        }
    }

    private static MalformedRecord Raw(string id, string dataset, string defect, string json) =>
        new(id, dataset, defect, Encoding.UTF8.GetBytes(json), MalformedOutcome.Quarantined, null);

    private readonly record struct Expected(MalformedOutcome Outcome, string? Field = null, string? Code = null);

    private static Expected Unreadable(string field) => new(MalformedOutcome.Unreadable, field);

    private static Expected UnknownCode(string field, string code) => new(MalformedOutcome.UnknownCode, field, code);

    // Properties, not fields: the corpus is built while the class is initialised, before fields declared below it are set.
    private static Expected Quarantined => new(MalformedOutcome.Quarantined);

    private static Expected Attributable => new(MalformedOutcome.QuarantinedAttributable);

    // The serializer writes only valid UTF-8, so the broken bytes are put in afterwards where the placeholder stands.
    private static byte[] ReplaceInvalidUtf8(byte[] json)
    {
        var placeholder = Encoding.ASCII.GetBytes(InvalidUtf8Placeholder);
        var at = json.AsSpan().IndexOf(placeholder);
        return at < 0 ? json : [.. json.AsSpan(0, at), .. InvalidUtf8, .. json.AsSpan(at + placeholder.Length)];
    }
}
