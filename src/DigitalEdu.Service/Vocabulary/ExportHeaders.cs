namespace DigitalEdu.Service.Vocabulary;

/// <summary>The column headers of the exported spreadsheets, in their order.</summary>
public static class ExportHeaders
{
    /// <summary>The item's id: the column a returned spreadsheet is matched by.</summary>
    public const string ItemId = "Mã mục";

    /// <summary>The column a clerk fills (an x) to mark the row's item fixed when sending the spreadsheet back.</summary>
    public const string Fixed = "Đã sửa";

    public static readonly IReadOnlyList<string> Items =
    [
        ItemId, "Họ và tên", "Ngày sinh", "Lớp", "Khối", "Vị trí việc làm", "Đối tượng", "Loại", "Chi tiết", "Mã SMS", "Mã định danh ngành",
        "Số định danh", "Thông tin", "Giá trị trên SMS", "Giá trị trên CSDL ngành", "Giá trị trên CSDL tỉnh", "Trạng thái", "Ai xử lý",
        "Phát hiện lần đầu", "Lần cuối thấy", "Hướng dẫn", Fixed,
    ];

    /// <summary>The audit log's export, for officers.</summary>
    public static readonly IReadOnlyList<string> Audit =
    [
        "Thời điểm", "Người thực hiện", "Vai trò", "Mã truy cập API", "Địa chỉ IP", "Trình duyệt / ứng dụng", "Hành động", "Trường", "Mục",
        "Lý do / mục đích", "Chi tiết",
    ];
}
