using DigitalEdu.Service.Features.Mismatches;

namespace DigitalEdu.Tests.Security;

/// <summary>
/// Export cells that a spreadsheet program would read as a formula are neutralised, including the forms that slip past a check
/// of the first character: a separator, a space or a line break before the formula.
/// </summary>
public sealed class ExportCellTests
{
    [Theory]
    [InlineData(";=HYPERLINK(\"http://x\")", "';=HYPERLINK(\"http://x\")")]
    [InlineData(" =1+1", "' =1+1")]
    [InlineData("\n=1+1", "'\n=1+1")]
    [InlineData("\r\n@SUM(A1)", "'\r\n@SUM(A1)")]
    [InlineData(",-2+3", "',-2+3")]
    [InlineData("  +84 912", "'  +84 912")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("Trần Thị B", "Trần Thị B")]
    [InlineData(" Lê Văn C", " Lê Văn C")]
    [InlineData("   ", "   ")]
    public void A_formula_behind_blanks_or_separators_is_neutralised(string value, string expected) =>
        Assert.Equal(expected, SpreadsheetCell.Neutralise(value));
}
