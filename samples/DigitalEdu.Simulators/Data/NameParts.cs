namespace DigitalEdu.Simulators.Data;

/// <summary>
/// Name parts weighted roughly as they occur. Given names with an open "oa", "oe" or "uy" syllable appear in one tone
/// placement only; the other placement is added as noise between sources, so no two entries here are tone variants of each other.
/// </summary>
internal static class NameParts
{
    public static readonly string[] Families =
    [
        "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn",
        "Trần", "Trần", "Trần", "Trần", "Lê", "Lê", "Lê", "Phạm", "Phạm", "Phạm",
        "Hoàng", "Hoàng", "Huỳnh", "Phan", "Phan", "Vũ", "Vũ", "Võ", "Đặng", "Bùi", "Bùi", "Đỗ", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý",
    ];

    public static readonly string[] MaleMiddles = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Anh", "Gia", "Trọng"];

    public static readonly string[] FemaleMiddles = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Khánh", "Phương", "Hồng", "Kim"];

    public static readonly string[] MaleGivens =
    [
        "Đức", "Nam", "Hùng", "Dũng", "Tuấn", "Minh", "Hoà", "Khoẻ", "Long", "Phong", "Sơn", "Thắng", "Quân", "Huy", "Khang",
        "Bảo", "Phúc", "An", "Khoa", "Trung", "Hiếu", "Toàn", "Vinh", "Thuỵ", "Tài", "Lâm", "Đạt", "Kiên", "Nghĩa", "Thành",
    ];

    public static readonly string[] FemaleGivens =
    [
        "Hà", "Lan", "Hoa", "Thuỷ", "Thuý", "Hương", "Mai", "Linh", "Ngọc", "Trang", "Hằng", "Yến", "Nhung", "Thảo", "Vy",
        "Anh", "Nga", "Hạnh", "Loan", "Oanh", "Huyền", "Quỳnh", "Phương", "Chi", "Giang", "Tâm", "Hoà", "Diệp", "My", "Ly",
    ];

    /// <summary>Place names for schools ("Trường Tiểu học Cộng Hoà").</summary>
    public static readonly string[] Places =
    [
        "Cộng Hoà", "Hạ Long", "Bạch Đằng", "Trần Hưng Đạo", "Lê Lợi", "Quang Trung", "Nguyễn Trãi", "Chu Văn An", "Hồng Gai",
        "Cẩm Phả", "Uông Bí", "Móng Cái", "Yên Hưng", "Hoành Bồ", "Vân Đồn", "Tiên Yên", "Đông Triều", "Quảng Yên", "Bãi Cháy",
        "Hà Tu", "Cao Xanh", "Giếng Đáy", "Hùng Thắng", "Tuần Châu", "Việt Hưng", "Đại Yên", "Hoà Bình", "Kim Đồng", "Võ Thị Sáu",
        "Lý Tự Trọng", "Ngô Quyền", "Đặng Thai Mai", "Hải Hoà", "Bình Liêu", "Đầm Hà", "Hải Hà", "Ba Chẽ", "Cô Tô", "Quang Hanh",
    ];

    /// <summary>Ethnicity codes of the General Statistics Office list; "01" Kinh dominates, the others are common in the north-east.</summary>
    public static readonly string[] MinorityEthnicities = ["02", "03", "04", "06", "07", "09", "18"];
}
