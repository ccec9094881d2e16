using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Faults;

/// <summary>One malformed record: which listing it fits, what is wrong with it, and its exact bytes on the wire.</summary>
public sealed record MalformedRecord(string Id, string Dataset, string Defect, byte[] Json)
{
    /// <summary>The marker every record of the corpus carries in its raw text (its key, or a <c>_fault</c> field, or its value).</summary>
    public string Marker => Id;
}

/// <summary>
/// The corpus of malformed records the fault injector adds to pages: wrong types, impossible dates, unknown codes, over-long
/// names, NUL bytes, invalid UTF-8, missing keys, records that are not objects. Every record is an extra that belongs to no one
/// (its keys start with FAULT-), so a run with malformed pages stores exactly what a clean run stores, plus quarantine.
/// </summary>
public static class MalformedRecords
{
    private const string InvalidUtf8Placeholder = "@@INVALID-UTF8@@";

    // 0xC3 starts a two-byte sequence that 0x28 "(" does not continue; 0xFF is never valid in UTF-8.
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF];

    private static readonly string LongName = string.Concat(Enumerable.Repeat("Nguyễn Thị Minh Khai ", 15))[..300];

    public static readonly IReadOnlyList<MalformedRecord> All = Build();

    /// <summary>The records that fit one listing (names as the admin endpoints use them, e.g. <c>sms-students</c>).</summary>
    public static IReadOnlyList<MalformedRecord> For(string dataset) => All.Where(r => r.Dataset == dataset).ToArray();

    private static List<MalformedRecord> Build()
    {
        var corpus = new List<MalformedRecord>();

        var smsStudent = """
            {"studentId":"S","moetCode":"2299000001","personalId":"022312001234","fullName":"Nguyễn Thị Thu Hà","dateOfBirth":"2012-03-09",
             "gender":"female","ethnicityCode":"01","fatherName":"Nguyễn Văn Nam","motherName":"Trần Thị Lan","schoolCode":"22000123",
             "grade":8,"className":"8A2","status":"studying","updatedAt":"2026-10-01T07:15:00Z"}
            """;
        Add(corpus, "sms-students", "studentId", smsStudent,
            ("impossible date", o => o["dateOfBirth"] = "2012-02-31"),
            ("date as a number", o => o["dateOfBirth"] = 20120309),
            ("date in the wrong format", o => o["dateOfBirth"] = "09/03/2012"),
            ("date in the future", o => o["dateOfBirth"] = "2099-01-01"),
            ("grade out of range", o => o["grade"] = 14),
            ("grade in words", o => o["grade"] = "tám"),
            ("negative grade", o => o["grade"] = -1),
            ("unknown gender", o => o["gender"] = "other"),
            ("gender as a number", o => o["gender"] = 2),
            ("unknown status", o => o["status"] = "suspended"),
            ("300-character name", o => o["fullName"] = LongName),
            ("NUL byte in the name", o => o["fullName"] = "Nguyễn\0Thị Hà"),
            ("invalid UTF-8 in the name", o => o["fullName"] = "Nguyễn " + InvalidUtf8Placeholder),
            ("name missing", o => o.Remove("fullName")),
            ("blank name", o => o["fullName"] = "   "),
            ("key missing", o => o.Remove("studentId")),
            ("key as a number", o => o["studentId"] = 1842),
            ("MOET code not ten digits", o => o["moetCode"] = "22ABC"),
            ("school code missing", o => o.Remove("schoolCode")),
            ("300-character father's name", o => o["fatherName"] = LongName),
            ("control character in the class", o => o["className"] = "8A\u0007"),
            ("gender as an array", o => o["gender"] = new JsonArray("male", "female")));
        corpus.Add(Raw("FAULT-sms-students-raw-1", "sms-students", "record is a string", "\"FAULT-sms-students-raw-1\""));
        corpus.Add(Raw("FAULT-sms-students-raw-2", "sms-students", "record is an array", "[\"FAULT-sms-students-raw-2\", 8]"));

        var smsStaff = """
            {"staffId":"T","moetStaffCode":"2299000002","personalId":"022086004321","fullName":"Phạm Văn Đức","dateOfBirth":"1986-11-30",
             "gender":"male","schoolCode":"22000123","position":"teacher","status":"working","updatedAt":"2026-09-05T02:00:00Z"}
            """;
        Add(corpus, "sms-staff", "staffId", smsStaff,
            ("unknown position", o => o["position"] = "janitor"),
            ("unknown status", o => o["status"] = "retired"),
            ("month 13", o => o["dateOfBirth"] = "1986-13-01"),
            ("key missing", o => o.Remove("staffId")),
            ("NUL byte in the name", o => o["fullName"] = "Phạm\0Văn Đức"),
            ("invalid UTF-8 in the name", o => o["fullName"] = InvalidUtf8Placeholder + " Đức"),
            ("gender as a letter", o => o["gender"] = "M"),
            ("born before 1900", o => o["dateOfBirth"] = "1886-11-30"));

        var exam = """
            {"examId":"H","studentId":"S-0001842","examDate":"2026-09-20","heightCm":152.5,"weightKg":41.2,"bmi":17.7,"bloodGroup":"O",
             "eyeCondition":"myopia","congenitalCondition":null,"spineCondition":null,"canSwim":true,"updatedAt":"2026-09-21T03:00:00Z"}
            """;
        Add(corpus, "sms-health-exams", "examId", exam,
            ("impossible exam date", o => o["examDate"] = "2026-02-30"),
            ("height in words", o => o["heightCm"] = "cao"),
            ("exam id missing", o => o.Remove("examId")),
            ("student missing", o => o.Remove("studentId")),
            ("negative weight", o => o["weightKg"] = -5),
            ("swimming as text", o => o["canSwim"] = "có"),
            ("exam date in the future", o => o["examDate"] = "2099-09-20"));

        var learner = """
            {"maHocSinh":"M","soDinhDanh":"022312001234","hoTen":"Nguyễn Thị Thu Hà","ngaySinh":"2012-03-09","gioiTinh":2,"maDanToc":"01",
             "hoTenCha":"Nguyễn Văn Nam","hoTenMe":"Trần Thị Lan","maTruong":"22000123","khoi":8,"lop":"8A2","trangThai":"DANG_HOC",
             "capNhatLuc":"2026-10-02T00:00:00Z"}
            """;
        Add(corpus, "provincial-learners", "maHocSinh", learner,
            ("unknown gender code", o => o["gioiTinh"] = 3),
            ("gender as text", o => o["gioiTinh"] = "Nam"),
            ("impossible date", o => o["ngaySinh"] = "2012-02-30"),
            ("grade out of range", o => o["khoi"] = 14),
            ("unknown status", o => o["trangThai"] = "TAM_DUNG"),
            ("key missing", o => o.Remove("maHocSinh")),
            ("300-character name", o => o["hoTen"] = LongName),
            ("invalid UTF-8 in the name", o => o["hoTen"] = "Trần " + InvalidUtf8Placeholder),
            ("NUL byte in the name", o => o["hoTen"] = "Trần\0Lan"),
            ("school code as a number", o => o["maTruong"] = 22000123));

        var provincialStaff = """
            {"maCanBo":"C","soDinhDanh":"022086004321","hoTen":"Phạm Văn Đức","ngaySinh":"1986-11-30","gioiTinh":1,"maTruong":"22000123",
             "viTri":"GIAO_VIEN","trangThai":"DANG_LAM_VIEC","capNhatLuc":"2026-09-06T00:00:00Z"}
            """;
        Add(corpus, "provincial-staff", "maCanBo", provincialStaff,
            ("unknown position", o => o["viTri"] = "BAO_VE_VU_TRU"),
            ("unknown status", o => o["trangThai"] = "NGHI_HUU_SOM"),
            ("gender code 0", o => o["gioiTinh"] = 0),
            ("date in the national format", o => o["ngaySinh"] = "30/11/1986"),
            ("key missing", o => o.Remove("maCanBo")));

        var nationalStudent = """
            {"HOC_SINH_ID":"N","MA_DINH_DANH":"022312001234","HO_TEN":"Nguyễn Thị Thu Hà","NGAY_SINH":"09/03/2012","MA_GIOI_TINH":"02",
             "MA_DAN_TOC":"01","TEN_CHA":"Nguyễn Văn Nam","TEN_ME":"Trần Thị Lan","TRUONG_ID":"22000123","KHOI":8,"LOP":"8A2",
             "MA_TRANG_THAI":"DANG_HOC","XAC_THUC_DAN_CU":{"TRANG_THAI":"DA_XAC_THUC","THOI_DIEM":"2026-09-01T00:00:00Z","TRUONG_SAI":[]},
             "SUC_KHOE":{"NGAY_KHAM":"20/09/2025","CHIEU_CAO":148.0,"CAN_NANG":38.5,"CHI_SO_BMI":17.6,"NHOM_MAU":"O","BENH_VE_MAT":"myopia",
                         "BENH_BAM_SINH":null,"BENH_COT_SONG":null,"BIET_BOI":true},
             "NGAY_CAP_NHAT":"2026-10-03T00:00:00Z"}
            """;
        Add(corpus, "national-students", "HOC_SINH_ID", nationalStudent,
            ("impossible date", o => o["NGAY_SINH"] = "31/02/2012"),
            ("date in the SMS format", o => o["NGAY_SINH"] = "2012-03-09"),
            ("unknown gender code", o => o["MA_GIOI_TINH"] = "03"),
            ("grade in words", o => o["KHOI"] = "tám"),
            ("unknown status", o => o["MA_TRANG_THAI"] = "TAM_DUNG"),
            ("unknown population check status", o => o["XAC_THUC_DAN_CU"]!["TRANG_THAI"] = "LA_LA"),
            ("population check as text", o => o["XAC_THUC_DAN_CU"] = "DA_XAC_THUC"),
            ("impossible health exam date", o => o["SUC_KHOE"]!["NGAY_KHAM"] = "31/02/2025"),
            ("height in words", o => o["SUC_KHOE"]!["CHIEU_CAO"] = "cao"),
            ("300-character name", o => o["HO_TEN"] = LongName),
            ("NUL byte in the name", o => o["HO_TEN"] = "Nguyễn\0Hà"),
            ("invalid UTF-8 in the name", o => o["HO_TEN"] = InvalidUtf8Placeholder),
            ("key missing", o => o.Remove("HOC_SINH_ID")));
        corpus.Add(Raw("FAULT-national-students-raw-1", "national-students", "record of another shape", "{\"FAULT-national-students-raw-1\":{\"HOC_SINH_ID\":2200184213}}"));

        var nationalStaff = """
            {"GIAO_VIEN_ID":"G","MA_DINH_DANH":"022086004321","HO_TEN":"Phạm Văn Đức","NGAY_SINH":"30/11/1986","MA_GIOI_TINH":"01",
             "TRUONG_ID":"22000123","VI_TRI":"GIAO_VIEN","MA_TRANG_THAI":"DANG_LAM_VIEC",
             "XAC_THUC_DAN_CU":{"TRANG_THAI":"DA_XAC_THUC","THOI_DIEM":"2026-09-01T00:00:00Z","TRUONG_SAI":[]},
             "NGAY_CAP_NHAT":"2026-09-06T00:00:00Z"}
            """;
        Add(corpus, "national-staff", "GIAO_VIEN_ID", nationalStaff,
            ("unknown position", o => o["VI_TRI"] = "PHI_HANH_GIA"),
            ("unknown status", o => o["MA_TRANG_THAI"] = "NGHI_HUU_SOM"),
            ("date with dashes", o => o["NGAY_SINH"] = "30-11-1986"),
            ("gender as a number", o => o["MA_GIOI_TINH"] = 1),
            ("key missing", o => o.Remove("GIAO_VIEN_ID")),
            ("NUL byte in the school", o => o["TRUONG_ID"] = "2200\00123"));

        return corpus;
    }

    private static void Add(List<MalformedRecord> corpus, string dataset, string keyField, string template,
        params (string Defect, Action<JsonObject> Apply)[] defects)
    {
        foreach (var (defect, apply) in defects)
        {
            var id = $"FAULT-{dataset}-{corpus.Count(r => r.Dataset == dataset) + 1:D2}";
            var record = JsonNode.Parse(template)!.AsObject();
            record[keyField] = id;
            record["_fault"] = id;
            apply(record);
            var json = JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject);
            corpus.Add(new MalformedRecord(id, dataset, defect, ReplaceInvalidUtf8(json)));
        }
    }

    private static MalformedRecord Raw(string id, string dataset, string defect, string json) =>
        new(id, dataset, defect, Encoding.UTF8.GetBytes(json));

    // The serializer writes only valid UTF-8, so the broken bytes are put in afterwards where the placeholder stands.
    private static byte[] ReplaceInvalidUtf8(byte[] json)
    {
        var placeholder = Encoding.ASCII.GetBytes(InvalidUtf8Placeholder);
        var at = json.AsSpan().IndexOf(placeholder);
        return at < 0 ? json : [.. json.AsSpan(0, at), .. InvalidUtf8, .. json.AsSpan(at + placeholder.Length)];
    }
}
