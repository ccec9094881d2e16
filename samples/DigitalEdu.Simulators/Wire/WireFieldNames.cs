using DigitalEdu.Simulators.Store;

namespace DigitalEdu.Simulators.Wire;

/// <summary>
/// The wire name of each canonical field in one person listing, so code that changes a record by its meaning ("the date of
/// birth") need not know every source's spelling. Null where the listing has no such field (the provincial and national
/// listings carry the MOET code as their key).
/// </summary>
internal sealed record WireFieldNames(
    string Key,
    string? MoetCode,
    string PersonalId,
    string FullName,
    string DateOfBirth,
    string Gender,
    string SchoolCode,
    string Status,
    string? EthnicityCode,
    string? Grade,
    string? ClassName,
    string? Position,
    string UpdatedAt)
{
    private static readonly WireFieldNames SmsStudents = new("studentId", "moetCode", "personalId", "fullName", "dateOfBirth", "gender",
        "schoolCode", "status", "ethnicityCode", "grade", "className", null, "updatedAt");

    private static readonly WireFieldNames SmsStaff = new("staffId", "moetStaffCode", "personalId", "fullName", "dateOfBirth", "gender",
        "schoolCode", "status", null, null, null, "position", "updatedAt");

    private static readonly WireFieldNames ProvincialLearners = new("maHocSinh", null, "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh",
        "maTruong", "trangThai", "maDanToc", "khoi", "lop", null, "capNhatLuc");

    private static readonly WireFieldNames ProvincialStaff = new("maCanBo", null, "soDinhDanh", "hoTen", "ngaySinh", "gioiTinh",
        "maTruong", "trangThai", null, null, null, "viTri", "capNhatLuc");

    private static readonly WireFieldNames NationalStudents = new("HOC_SINH_ID", null, "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH",
        "TRUONG_ID", "MA_TRANG_THAI", "MA_DAN_TOC", "KHOI", "LOP", null, "NGAY_CAP_NHAT");

    private static readonly WireFieldNames NationalStaff = new("GIAO_VIEN_ID", null, "MA_DINH_DANH", "HO_TEN", "NGAY_SINH", "MA_GIOI_TINH",
        "TRUONG_ID", "MA_TRANG_THAI", null, null, null, "VI_TRI", "NGAY_CAP_NHAT");

    public static WireFieldNames For(DatasetDefinition dataset) => dataset.Name switch
    {
        "sms-students" => SmsStudents,
        "sms-staff" => SmsStaff,
        "provincial-learners" => ProvincialLearners,
        "provincial-staff" => ProvincialStaff,
        "national-students" => NationalStudents,
        "national-staff" => NationalStaff,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset.Name, "Not a person listing."),
    };

    /// <summary>The wire name of a canonical field of this listing, or null when it has none.</summary>
    public string? Of(string canonicalField) => canonicalField switch
    {
        "moetCode" => MoetCode ?? Key,
        "personalId" => PersonalId,
        "fullName" => FullName,
        "dateOfBirth" => DateOfBirth,
        "gender" => Gender,
        "schoolCode" => SchoolCode,
        "status" => Status,
        "ethnicityCode" => EthnicityCode,
        "grade" => Grade,
        "className" => ClassName,
        "position" => Position,
        "updatedAt" => UpdatedAt,
        _ => null,
    };
}
