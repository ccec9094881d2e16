using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Features.Reports;
using DigitalEdu.Service.Vocabulary;
using MiniExcelLibs;

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

    [Fact]
    public async Task A_report_export_cannot_start_a_formula_with_a_name_an_upstream_sent()
    {
        var figures = new Figures(10, 9, 8, 7, 6);
        var report = UnitReport.Of(ReportUnits.Commune, "06958", "=cmd|' /C calc'!A0",
            [new SnapshotRow("22000101", "=HYPERLINK(\"http://x\")", "06958", "@SUM(A1)", "TH", "student", figures)]);
        using var file = new MemoryStream();
        await ExportReport.WriteAsync(file, report, new DateOnly(2026, 9, 30), CancellationToken.None);
        file.Position = 0;
        var cells = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
            .SelectMany(r => r.Values).OfType<string>().ToList();
        Assert.Contains("'=HYPERLINK(\"http://x\")", cells);
        Assert.Contains(cells, c => c.Contains("=cmd", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => SpreadsheetCell.Neutralise(c) != c);
    }
}
