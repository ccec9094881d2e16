using System.Globalization;
using System.Text;
using CsvHelper;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DigitalEdu.Service.Exports;

/// <summary>A school's items as a spreadsheet for the clerk: Vietnamese headers and labels, personal IDs masked, no formulas.</summary>
public sealed class MismatchExport(DigitalEduDbContext db)
{
    public static readonly string[] Headers =
    [
        "Mã mục", "Loại", "Chi tiết", "Đối tượng", "Mã SMS", "Mã định danh ngành", "Số định danh", "Thông tin",
        "Giá trị trên SMS", "Giá trị trên CSDL ngành", "Giá trị trên CSDL tỉnh", "Trạng thái", "Phát hiện lần đầu", "Lần cuối thấy", "Hướng dẫn",
    ];

    public async Task<IReadOnlyList<string?[]>> RowsAsync(string schoolCode, string? kind, string status, CancellationToken cancellationToken)
    {
        var items = db.Mismatches.AsNoTracking().Where(m => m.SchoolCode == schoolCode && m.Status == status);
        if (kind is not null)
        {
            items = items.Where(m => m.Kind == kind);
        }

        var rows = await items.OrderBy(m => m.Kind).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        return rows.Select(ToRow).ToList();
    }

    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string?[]> rows, CancellationToken cancellationToken)
    {
        // Dictionaries keep the column order and give MiniExcel the Vietnamese headers.
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(Headers.Length);
            for (var i = 0; i < Headers.Length; i++)
            {
                cells[Headers[i]] = row[i];
            }

            return cells;
        }).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(Headers.ToDictionary(h => h, _ => (object?)null));
        }

        await using var buffer = new MemoryStream();
        await MiniExcel.SaveAsAsync(buffer, sheet, sheetName: "Danh sách", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string?[]> rows, CancellationToken cancellationToken)
    {
        // UTF-8 with a byte-order mark so spreadsheet programs show the diacritics; buffered because the writer is synchronous.
        await using var buffer = new MemoryStream();
        await using var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            foreach (var header in Headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell ?? "");
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        await writer.FlushAsync(cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static string?[] ToRow(Mismatch item)
    {
        var view = MismatchView.From(item);
        string?[] cells =
        [
            view.Id, Labels.Kind(view.Kind), Labels.Detail(view.Detail), Labels.PersonKind(view.PersonKind), view.SmsKey, view.MoetCode,
            view.PersonalId, Labels.Field(view.Field), view.SmsValue, view.NationalValue, view.ProvincialValue,
            Labels.MismatchStatusText(view.Status), Labels.Time(view.FirstSeenAt), Labels.Time(view.LastSeenAt), view.Guidance,
        ];
        return cells.Select(SpreadsheetCell.Neutralise).ToArray();
    }
}
