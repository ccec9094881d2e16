namespace DigitalEdu.Simulators.Data;

/// <summary>
/// Plausible names of communes and wards, one per commune code. The name is a hash of the seed and the code, not a draw from the
/// data's random stream, so naming communes never shifts the generated persons.
/// </summary>
internal static class CommuneNames
{
    private static readonly string[] Places =
    [
        "An Lạc", "Cộng Hòa", "Hồng Hà", "Hạ Long", "Bãi Cháy", "Hà Tu", "Cao Xanh", "Hoành Bồ", "Quang Hanh", "Cửa Ông",
        "Mông Dương", "Cẩm Phả", "Uông Bí", "Yên Tử", "Vàng Danh", "Đông Triều", "Mạo Khê", "An Sinh", "Bình Khê", "Hoàng Quế",
        "Quảng Yên", "Đông Mai", "Hiệp Hòa", "Liên Hòa", "Phong Cốc", "Tiên Yên", "Điền Xá", "Hải Lạng", "Bình Liêu", "Hoành Mô",
        "Đầm Hà", "Quảng Tân", "Quảng Hà", "Đường Hoa", "Móng Cái", "Hải Hòa", "Hải Sơn", "Vĩnh Thực", "Ba Chẽ", "Lương Minh",
        "Kỳ Thượng", "Vân Đồn", "Cô Tô", "Thống Nhất", "Lê Lợi", "Việt Hưng", "Tuần Châu", "Hà Lầm", "Cẩm Thạch", "Quang Trung",
    ];

    public static string For(string communeCode, int seed)
    {
        var hash = Hash(communeCode, seed);
        // Wards are the towns' communes; a little over a third of the province's schools sit in one.
        var prefix = hash % 100 < 38 ? "Phường" : "Xã";
        return $"{prefix} {Places[(hash / 100) % (uint)Places.Length]}";
    }

    // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
    private static uint Hash(string text, int seed)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash ^ (hash >> 15);
    }
}
