using System.Globalization;
using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// The Excel round trip most schools use: the exported spreadsheet (<see cref="ExportMismatches"/>) comes back with its
/// "Đã sửa" column ticked, and those items are marked fixed. The whole file is read and checked first; a file that cannot be
/// read, lacks the columns, or has a row that cannot be understood or names an item the school does not have marks nothing,
/// and each such row is named. Rows whose item is no longer open, or only the operator can act on, are named and left.
/// Audited with the counts.
/// </summary>
public static class ImportFixed
{
    /// <summary>An exported school of several thousand items is well under a megabyte.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public const int MaxRows = 50_000;

    /// <summary>What a clerk may write in "Đã sửa" to tick a row (compared trimmed, ignoring case).</summary>
    public static readonly IReadOnlySet<string> Ticks =
        new HashSet<string>(["x", "✓", "✔", "có", "c", "1", "đã sửa", "rồi", "true"], StringComparer.OrdinalIgnoreCase);

    /// <summary>One row of the file that was not applied, by its row number in the spreadsheet, and why (in Vietnamese).</summary>
    public sealed record RowProblem(int Row, string? ItemId, string Reason);

    /// <summary>
    /// What came of the file: <see cref="FileError"/> when it could not be used at all; <see cref="Blocking"/> rows when it was
    /// read but nothing was marked because of them; otherwise the items marked and the rows left as they were.
    /// </summary>
    public sealed record Result(string? FileError, IReadOnlyList<RowProblem> Blocking, IReadOnlyList<long> Marked, IReadOnlyList<RowProblem> Left)
    {
        public bool Applied => FileError is null && Blocking.Count == 0;

        public static Result Failed(string error) => new(error, [], [], []);
    }

    /// <summary>A ticked row: its row number and item id as written.</summary>
    private sealed record Tick(int Row, string Text, long? Id);

    public sealed class Handler(DigitalEduDbContext db, MarkFixed.Handler markFixed, AuditLog audit)
    {
        /// <summary>Null when the school is outside the caller's scope.</summary>
        public async Task<Result?> HandleAsync(string schoolCode, Stream file, string? note, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            var scope = UserScope.From(user);
            if (!scope.CanSee(schoolCode))
            {
                return null;
            }

            var (ticks, problems, error) = await ReadAsync(file, cancellationToken);
            if (error is not null)
            {
                return Result.Failed(error);
            }

            var ids = ticks.Where(t => t.Id is not null).Select(t => t.Id!.Value).Distinct().ToArray();
            var items = await db.Mismatches.AsNoTracking().Where(m => m.SchoolCode == schoolCode && ids.Contains(m.Id))
                .Select(m => new { m.Id, m.Status, m.Kind, m.Side }).ToDictionaryAsync(m => m.Id, cancellationToken);
            problems.AddRange(ticks.Where(t => t.Id is { } id && !items.ContainsKey(id))
                .Select(t => new RowProblem(t.Row, t.Text, "Trường không có mục này: hãy dùng tệp tải về từ trang của trường.")));
            if (problems.Count > 0)
            {
                return new Result(null, [.. problems.OrderBy(p => p.Row)], [], []);
            }

            if (ids.Length == 0)
            {
                return Result.Failed($"Không có dòng nào được đánh dấu ở cột «{ExportHeaders.Fixed}»: ghi x vào các dòng đã sửa rồi tải lên lại.");
            }

            var outcomes = await markFixed.HandleManyAsync(ids, note, user, cancellationToken);
            var marked = outcomes.Where(o => o.Value == TransitionOutcome.Changed).Select(o => o.Key).Order().ToList();
            var left = ticks.Where(t => outcomes[t.Id!.Value] != TransitionOutcome.Changed)
                .GroupBy(t => t.Id).Select(g => g.First())
                .Select(t => new RowProblem(t.Row, t.Text, outcomes[t.Id!.Value] switch
                {
                    TransitionOutcome.ReadOnly => "Mục này do đơn vị vận hành xử lý; trường không cần đánh dấu.",
                    TransitionOutcome.NotAllowed => $"Mục đang ở trạng thái «{Labels.MismatchStatusText(items[t.Id!.Value].Status)}»: chỉ mục đang mở mới đánh dấu đã sửa được.",
                    _ => "Không tìm thấy mục này.",
                }))
                .ToList();
            await audit.WriteAsync(user, AuditAction.ImportFixed, schoolCode, null,
                $"{marked.Count} items marked fixed; {left.Count} ticked rows left", cancellationToken);
            return new Result(null, [], marked, left);
        }
    }

    /// <summary>The ticked rows, the rows that cannot be understood, or why the file cannot be used at all.</summary>
    private static async Task<(List<Tick> Ticks, List<RowProblem> Problems, string? Error)> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        // The reader needs to seek (an xlsx is a zip); the upload is held to MaxFileBytes before it gets here.
        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return ([], [], "Tệp trống: chọn tệp Excel (.xlsx) đã tải về từ trang của trường.");
        }

        buffer.Position = 0;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(buffer, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 2).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever was sent instead of a spreadsheet (a renamed file, a cut-off upload), the reader fails in its own way.
            return ([], [], "Không đọc được tệp: đây không phải bảng tính Excel (.xlsx). Hãy mở tệp đã tải về, ghi x vào cột «Đã sửa», lưu dạng .xlsx rồi tải lên.");
        }

        if (rows.Count > MaxRows + 1)
        {
            return ([], [], $"Tệp có quá nhiều dòng (tối đa {MaxRows:N0}).");
        }

        var header = rows.Count == 0 ? null : rows[0];
        var idColumn = header?.FirstOrDefault(c => Text(c.Value) == ExportHeaders.ItemId).Key;
        var fixedColumn = header?.FirstOrDefault(c => Text(c.Value) == ExportHeaders.Fixed).Key;
        if (idColumn is null || fixedColumn is null)
        {
            return ([], [], $"Tệp thiếu cột «{ExportHeaders.ItemId}» hoặc «{ExportHeaders.Fixed}» ở dòng đầu: hãy dùng tệp tải về từ trang của trường.");
        }

        var ticks = new List<Tick>();
        var problems = new List<RowProblem>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = i + 1;
            var mark = Text(rows[i].TryGetValue(fixedColumn, out var m) ? m : null);
            if (mark.Length == 0)
            {
                continue;
            }

            var idText = Text(rows[i].TryGetValue(idColumn, out var v) ? v : null);
            if (!Ticks.Contains(mark))
            {
                problems.Add(new RowProblem(row, idText, $"Không hiểu «{Shorten(mark)}» ở cột «{ExportHeaders.Fixed}»: ghi x nếu đã sửa, để trống nếu chưa."));
            }
            else if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                problems.Add(new RowProblem(row, idText, $"Ô «{ExportHeaders.ItemId}» không phải mã mục: đừng sửa cột này."));
            }
            else
            {
                ticks.Add(new Tick(row, idText, id));
            }
        }

        return (ticks, problems, null);
    }

    // A ticked checkbox cell reads as "true", an unticked one as blank.
    private static string Text(object? cell) => cell is bool b ? (b ? "true" : "") : SpreadsheetCell.Text(cell);

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
