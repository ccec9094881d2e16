using System.Globalization;
using System.Text;
using CsvHelper;
using DigitalEdu.Service.Features.Mismatches;

namespace DigitalEdu.Service.Web;

/// <summary>A CSV file for spreadsheet programs: UTF-8 with a byte-order mark, a header row, every cell neutralised.</summary>
public static class CsvExport
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        // The byte-order mark makes spreadsheet programs show the diacritics; buffered because the writer is synchronous.
        await using var buffer = new MemoryStream();
        await using var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(SpreadsheetCell.Neutralise(cell) ?? "");
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        await writer.FlushAsync(cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
