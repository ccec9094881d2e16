namespace DigitalEdu.Simulators.Wire;

/// <summary>The provincial database's wire records (Vietnamese camelCase, ISO dates, gender 1/2).</summary>
internal sealed record ProvincialLearner(
    string MaHocSinh,
    string? SoDinhDanh,
    string HoTen,
    string NgaySinh,
    int GioiTinh,
    string? MaDanToc,
    string? HoTenCha,
    string? HoTenMe,
    string MaTruong,
    int Khoi,
    string? Lop,
    string TrangThai,
    string CapNhatLuc);

internal sealed record ProvincialStaff(
    string MaCanBo,
    string? SoDinhDanh,
    string HoTen,
    string NgaySinh,
    int GioiTinh,
    string MaTruong,
    string? ViTri,
    string TrangThai,
    string CapNhatLuc);
