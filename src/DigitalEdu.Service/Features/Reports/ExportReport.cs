using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>A unit's report of a snapshot as the xlsx the provinces' tables are typed in (<see cref="ReportLayout"/>).</summary>
public static class ExportReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(UnitReport report, DateOnly cutOff) =>
        $"bao-cao-{report.Unit}{(report.Code.Length > 0 ? "-" + report.Code : "")}-{cutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    public static async Task WriteAsync(Stream output, UnitReport report, DateOnly cutOff, CancellationToken cancellationToken)
    {
        var sheet = ReportLayout.Sheet(report, cutOff);
        var width = ReportLayout.Header.Count;
        // Rows of cells keyed by column letter, written without a header row of their own: the sheet is the layout, row by row.
        var rows = sheet.Select(cells =>
        {
            var row = new Dictionary<string, object?>(width);
            for (var i = 0; i < width; i++)
            {
                // School and commune names come from the upstreams: none may start a formula in the officer's Excel.
                row[ReportLayout.Column(i)] = i < cells.Count ? Mismatches.SpreadsheetCell.Neutralise(cells[i]) : null;
            }

            return row;
        }).ToList();
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn("A") { Width = 6 }, new DynamicExcelColumn("B") { Width = 12 }, new DynamicExcelColumn("C") { Width = 36 },
                new DynamicExcelColumn("D") { Width = 12 }, new DynamicExcelColumn("E") { Width = 24 },
            ],
        };
        await using var buffer = new MemoryStream();
        await MiniExcel.SaveAsAsync(buffer, rows, printHeader: false, sheetName: "Báo cáo", excelType: ExcelType.XLSX, configuration: configuration,
            cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
