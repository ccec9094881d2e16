namespace DigitalEdu.Service.Vocabulary;

/// <summary>The column headers of the exported spreadsheets, in their order.</summary>
public static class ExportHeaders
{
    public static readonly IReadOnlyList<string> Items =
    [
        "Mã mục", "Loại", "Chi tiết", "Đối tượng", "Mã SMS", "Mã định danh ngành", "Số định danh", "Thông tin",
        "Giá trị trên SMS", "Giá trị trên CSDL ngành", "Giá trị trên CSDL tỉnh", "Trạng thái", "Phát hiện lần đầu", "Lần cuối thấy", "Hướng dẫn",
    ];

    /// <summary>The audit log's export, for officers.</summary>
    public static readonly IReadOnlyList<string> Audit =
    [
        "Thời điểm", "Người thực hiện", "Vai trò", "Mã truy cập API", "Địa chỉ IP", "Trình duyệt / ứng dụng", "Hành động", "Trường", "Mục",
        "Lý do / mục đích", "Chi tiết",
    ];
}
