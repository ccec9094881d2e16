using System.Text;
using DigitalEdu.Domain.Text;

namespace DigitalEdu.Tests.Domain;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("  Nguyễn   Thị  Thu Hà ", "Nguyễn Thị Thu Hà")]
    [InlineData("Nguyễn\tVăn\r\nNam", "Nguyễn Văn Nam")]
    [InlineData("Phạm\u00A0Văn Đức", "Phạm Văn Đức")]
    [InlineData("Lê\u2003Văn\u1680An\u3000", "Lê Văn An")]
    [InlineData("Lê \u00A0\u0085An", "Lê An")]
    [InlineData("Lê Văn An", "Lê Văn An")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Normalize_trims_and_collapses_spaces(string? input, string? expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(input));

    [Fact]
    public void Normalize_nfd_input_gives_nfc()
    {
        var nfd = "Nguyễn Thị Thu Hà".Normalize(NormalizationForm.FormD);

        var result = VietnameseText.Normalize(nfd);

        Assert.Equal("Nguyễn Thị Thu Hà", result);
        Assert.True(result!.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void MatchKey_nfd_input_equals_nfc_input()
    {
        const string name = "Trần Thị Thuỷ Tiên";

        Assert.Equal(VietnameseText.MatchKey(name), VietnameseText.MatchKey(name.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Nguyễn Văn Hoà", "Nguyễn Văn Hòa")]
    [InlineData("Lê Thị Thuỷ", "Lê Thị Thủy")]
    [InlineData("Khoẻ", "Khỏe")]
    [InlineData("Hoá", "Hóa")]
    [InlineData("Thuý", "Thúy")]
    [InlineData("Hoạ", "Họa")]
    [InlineData("Xoã", "Xõa")]
    [InlineData("Loè", "Lòe")]
    [InlineData("Nguyễn  Văn   Hoà ", " nguyễn văn hòa")]
    [InlineData("NGUYỄN VĂN HOÀ", "nguyễn văn hòa")]
    [InlineData("Đỗ Đức", "đỗ đức")]
    [InlineData("ĐẶNG VĂN ƯỚC", "đặng văn ước")]
    [InlineData("TRỊNH THỊ ƠN", "trịnh thị ơn")]
    [InlineData("LÊ THỊ ẤN", "lê thị ấn")]
    [InlineData("NGUYỄN NHƯ QUỲNH", "nguyễn như quỳnh")]
    [InlineData("LÊ THỊ THUỶ", "lê thị thủy")]
    [InlineData("HOÀ", "hòa")]
    [InlineData("H'Hen Niê", "H\u2019Hen Niê")]
    [InlineData("H'Hen Niê", "H\u02BCHen Niê")]
    [InlineData("H'Hen Niê", "H\u2018Hen Niê")]
    [InlineData("H'Hen Niê", "H`Hen Niê")]
    public void MatchKey_equal_spellings_share_a_key(string left, string right) =>
        Assert.Equal(VietnameseText.MatchKey(left), VietnameseText.MatchKey(right));

    [Theory]
    [InlineData("Đức", "Duc")]
    [InlineData("Đức", "Dức")]
    [InlineData("Vy", "Vi")]
    [InlineData("Lý", "Lí")]
    [InlineData("Hoà", "Hoa")]
    [InlineData("Của", "Cuả")]
    public void MatchKey_different_names_differ(string left, string right) =>
        Assert.NotEqual(VietnameseText.MatchKey(left), VietnameseText.MatchKey(right));

    [Theory]
    [InlineData("của", "của")]
    [InlineData("Mười", "mười")]
    [InlineData("Quý", "quý")]
    [InlineData("Hoàng", "hoàng")]
    [InlineData("Toàn", "toàn")]
    [InlineData("Khuyến", "khuyến")]
    [InlineData("Hoà", "hoà")]
    [InlineData("Hòa", "hoà")]
    public void MatchKey_gives_canonical_lower_case_form(string input, string expected) =>
        Assert.Equal(expected.Normalize(NormalizationForm.FormC), VietnameseText.MatchKey(input));

    [Fact]
    public void MatchKey_upper_case_vietnamese_letters_give_the_lower_case_key()
    {
        const string Upper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ BCDĐ EÈÉẺẼẸÊỀẾỂỄỆ GHIÌÍỈĨỊ KLMN OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ PQRST UÙÚỦŨỤƯỪỨỬỮỰ VXYỲÝỶỸỴ";
        const string Lower = "aàáảãạăằắẳẵặâầấẩẫậ bcdđ eèéẻẽẹêềếểễệ ghiìíỉĩị klmn oòóỏõọôồốổỗộơờớởỡợ pqrst uùúủũụưừứửữự vxyỳýỷỹỵ";

        Assert.Equal(Lower, VietnameseText.MatchKey(Upper));
        Assert.Equal(Lower, VietnameseText.MatchKey(Lower));
        Assert.Equal(Lower, VietnameseText.MatchKey(Upper.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void MatchKey_lowers_as_the_vietnamese_culture_does()
    {
        // The invariant culture keeps İ (U+0130) as it is; vi-VN lowers it to i, and stored keys were made that way.
        Assert.Equal("istanbul", VietnameseText.MatchKey("\u0130stanbul"));
        Assert.Equal("ⱥ", VietnameseText.MatchKey("Ⱥ"));
    }

    [Theory]
    [InlineData("Hùng", "hùng")]
    [InlineData("Phúc", "phúc")]
    [InlineData("Thọ Ý", "thọ ý")]
    [InlineData("Lò A", "lò a")]
    [InlineData("Hóa", "hoá")]
    [InlineData("Hóa Bình", "hoá bình")]
    [InlineData("Thủy", "thuỷ")]
    [InlineData("Ọe", "oẹ")]
    [InlineData("Hóan", "hóan")]
    [InlineData("Úa", "úa")]
    public void MatchKey_moves_a_tone_only_off_the_glide_of_a_final_oa_oe_or_uy(string input, string expected) =>
        Assert.Equal(expected.Normalize(NormalizationForm.FormC), VietnameseText.MatchKey(input));

    [Fact]
    public void MatchKey_null_or_blank_is_null()
    {
        Assert.Null(VietnameseText.MatchKey(null));
        Assert.Null(VietnameseText.MatchKey("  "));
    }

    [Theory]
    [InlineData("Nguyễn Văn Nam", "nguyen van nam")]
    [InlineData("nguyen van nam", "nguyen van nam")]
    [InlineData("  NGUYỄN   văn NAM ", "nguyen van nam")]
    [InlineData("Đỗ Thị Thuỷ", "do thi thuy")]
    [InlineData("Đỗ Thị Thủy", "do thi thuy")]
    [InlineData("Hoàng Ước", "hoang uoc")]
    [InlineData("Lê Thị Ấn", "le thi an")]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    public void SearchKey_drops_every_diacritic_so_a_name_typed_without_them_matches(string? name, string? key) =>
        Assert.Equal(key, VietnameseText.SearchKey(name));

    [Fact]
    public void SearchKey_nfd_input_equals_nfc_input() =>
        Assert.Equal(VietnameseText.SearchKey("Trần Thị Thuỷ Tiên"), VietnameseText.SearchKey("Trần Thị Thuỷ Tiên".Normalize(NormalizationForm.FormD)));

    [Fact]
    public void The_plain_letter_of_every_accented_one_is_its_base_letter()
    {
        Assert.Equal(VietnameseText.AccentedLetters.Length, VietnameseText.PlainLetters.Length);
        for (var i = 0; i < VietnameseText.AccentedLetters.Length; i++)
        {
            var accented = VietnameseText.AccentedLetters[i];
            var expected = accented == 'đ' ? 'd' : accented.ToString().Normalize(NormalizationForm.FormD)[0];
            Assert.True(expected == VietnameseText.PlainLetters[i], $"{accented} → {VietnameseText.PlainLetters[i]}, expected {expected}");
        }
    }
}
