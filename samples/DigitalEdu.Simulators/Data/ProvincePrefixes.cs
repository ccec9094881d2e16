namespace DigitalEdu.Simulators.Data;

/// <summary>
/// The birth-registration prefixes of personal IDs from the pre-2025 table of 63 provinces. The simulator keeps its own copy
/// (it is an independent program) so that the IDs it plants as "unknown province" are unknown by the same table the reconciler uses.
/// </summary>
internal static class ProvincePrefixes
{
    public static readonly IReadOnlyDictionary<string, string> NamesByPrefix = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["001"] = "Hà Nội",
        ["002"] = "Hà Giang",
        ["004"] = "Cao Bằng",
        ["006"] = "Bắc Kạn",
        ["008"] = "Tuyên Quang",
        ["010"] = "Lào Cai",
        ["011"] = "Điện Biên",
        ["012"] = "Lai Châu",
        ["014"] = "Sơn La",
        ["015"] = "Yên Bái",
        ["017"] = "Hòa Bình",
        ["019"] = "Thái Nguyên",
        ["020"] = "Lạng Sơn",
        ["022"] = "Quảng Ninh",
        ["024"] = "Bắc Giang",
        ["025"] = "Phú Thọ",
        ["026"] = "Vĩnh Phúc",
        ["027"] = "Bắc Ninh",
        ["030"] = "Hải Dương",
        ["031"] = "Hải Phòng",
        ["033"] = "Hưng Yên",
        ["034"] = "Thái Bình",
        ["035"] = "Hà Nam",
        ["036"] = "Nam Định",
        ["037"] = "Ninh Bình",
        ["038"] = "Thanh Hóa",
        ["040"] = "Nghệ An",
        ["042"] = "Hà Tĩnh",
        ["044"] = "Quảng Bình",
        ["045"] = "Quảng Trị",
        ["046"] = "Thừa Thiên Huế",
        ["048"] = "Đà Nẵng",
        ["049"] = "Quảng Nam",
        ["051"] = "Quảng Ngãi",
        ["052"] = "Bình Định",
        ["054"] = "Phú Yên",
        ["056"] = "Khánh Hòa",
        ["058"] = "Ninh Thuận",
        ["060"] = "Bình Thuận",
        ["062"] = "Kon Tum",
        ["064"] = "Gia Lai",
        ["066"] = "Đắk Lắk",
        ["067"] = "Đắk Nông",
        ["068"] = "Lâm Đồng",
        ["070"] = "Bình Phước",
        ["072"] = "Tây Ninh",
        ["074"] = "Bình Dương",
        ["075"] = "Đồng Nai",
        ["077"] = "Bà Rịa - Vũng Tàu",
        ["079"] = "Hồ Chí Minh",
        ["080"] = "Long An",
        ["082"] = "Tiền Giang",
        ["083"] = "Bến Tre",
        ["084"] = "Trà Vinh",
        ["086"] = "Vĩnh Long",
        ["087"] = "Đồng Tháp",
        ["089"] = "An Giang",
        ["091"] = "Kiên Giang",
        ["092"] = "Cần Thơ",
        ["093"] = "Hậu Giang",
        ["094"] = "Sóc Trăng",
        ["095"] = "Bạc Liêu",
        ["096"] = "Cà Mau",
    };

    /// <summary>Known: one of the 63 provinces, or 100–299 for births registered abroad.</summary>
    public static bool IsKnown(string threeDigits) =>
        NamesByPrefix.ContainsKey(threeDigits) || (int.TryParse(threeDigits, out var n) && n is >= 100 and <= 299);

    /// <summary>Prefixes of other provinces, in table order, for the few persons born elsewhere.</summary>
    public static IReadOnlyList<string> OthersThan(string ownPrefix) =>
        NamesByPrefix.Keys.Where(p => p != ownPrefix).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Three-digit prefixes below 100 that no province holds, for planting <c>unknown_province_code</c>.</summary>
    public static IReadOnlyList<string> Unknown() =>
        Enumerable.Range(0, 100).Select(n => n.ToString("D3")).Where(p => !IsKnown(p)).ToArray();
}
