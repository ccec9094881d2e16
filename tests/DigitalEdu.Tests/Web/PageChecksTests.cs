namespace DigitalEdu.Tests.Web;

/// <summary>The page checker itself: what it must catch, and what Vietnamese text it must let through.</summary>
public sealed class PageChecksTests
{
    [Fact]
    public void The_checker_catches_raw_codes_english_words_and_iso_dates()
    {
        Assert.NotEmpty(PageChecks.RawWordsIn("Thông tin sai lệch: field_mismatch"));
        Assert.NotEmpty(PageChecks.RawWordsIn("Giới tính: female"));
        Assert.NotEmpty(PageChecks.RawWordsIn("Trạng thái: transferred_out"));
        Assert.NotEmpty(PageChecks.RawWordsIn("Chi tiết: fatherName, gender"));
        Assert.NotEmpty(PageChecks.RawWordsIn("khám ngày 2026-09-12"));
        Assert.NotEmpty(PageChecks.RawWordsIn("school:vanthu@example.vn"));
        Assert.NotEmpty(PageChecks.RawWordsIn("Not Found"));
        Assert.Empty(PageChecks.RawWordsIn("Mã SMS S-0000123 · Nữ · Đang học · khám ngày 12/09/2026 · CSDL ngành · BMI"));
    }

    [Theory]
    [InlineData("Nguyễn Văn Nam", "nguyen van nam")]
    [InlineData("Đỗ Thị Thuỷ", "do thi thuy")]
    [InlineData("ĐẶNG VĂN ƯỚC", "dang van uoc")]
    public void A_name_typed_without_diacritics_is_plain_lower_case(string name, string typed) =>
        Assert.Equal(typed, PageChecks.WithoutDiacritics(name));
}
