using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

public sealed class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Nguyễn Văn A", "Nguyễn Văn A")]
    [InlineData("022******234", "022******234")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Neutralise_prefixes_formula_starts_only(string? value, string? expected) =>
        Assert.Equal(expected, SpreadsheetCell.Neutralise(value));
}
