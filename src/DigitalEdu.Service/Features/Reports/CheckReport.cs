using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DigitalEdu.Domain.Reporting;
using DigitalEdu.Domain.Text;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using MiniExcelLibs;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>One problem of a hand-typed report: the cell it concerns (F7), its kind, and what is wrong in Vietnamese.</summary>
public sealed record ReportProblem(string Cell, string Kind, string Message);

/// <summary>
/// What the checker found: why the file cannot be read at all (<see cref="Error"/>), or the rows it read, the cut-off and snapshot
/// it compared against (none when the report names no cut-off that was frozen), and every problem.
/// </summary>
public sealed record CheckResult(string? Error, int Rows, DateOnly? CutOff, Guid? SnapshotId, IReadOnlyList<ReportProblem> Problems);

/// <summary>
/// Checks a report typed by hand in the export's layout (<see cref="ReportLayout"/>): each count is a number, each part at most
/// its total, verified and not verified add up to the total, the total row is the sum of the rows, each percentage is its
/// numerator over the row's total at the rounding it was written to, no unit appears twice, and each figure equals the system's
/// snapshot for that unit and cut-off. Nothing is stored: the file is read in memory and let go.
/// </summary>
public sealed partial class CheckReport(ReportSnapshots snapshots, AuditLog audit)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    private const int MaxRows = 5_000;

    private static readonly string[] Counts = [.. ReportLayout.Counts];

    /// <summary>Checks the file and records the check: what was compared and how many problems were found (never the file).</summary>
    public async Task<CheckResult> HandleAsync(Stream file, Guid? snapshotId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(file, snapshotId, UserScope.From(user), cancellationToken);
        await audit.WriteAsync(user, AuditAction.CheckReport, null, null, result.Error is null
            ? $"{result.Rows} rows, {result.Problems.Count} problems{(result.SnapshotId is { } id ? $", against snapshot {id}" : "")}"
            : "refused: not the report's layout", cancellationToken);
        return result;
    }

    private async Task<CheckResult> CheckAsync(Stream file, Guid? snapshotId, UserScope scope, CancellationToken cancellationToken)
    {
        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return Failed("Tệp trống: chọn tệp Excel (.xlsx) của báo cáo.");
        }

        buffer.Position = 0;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(buffer, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed("Không đọc được tệp: đây không phải bảng tính Excel (.xlsx).");
        }

        if (rows.Count > MaxRows)
        {
            return Failed($"Tệp có quá nhiều dòng (tối đa {MaxRows:N0}).");
        }

        var headerIndex = rows.FindIndex(r => r.Values.Any(v => Same(Text(v), ReportLayout.Persons)) && r.Values.Any(v => Same(Text(v), ReportLayout.UnitName)));
        if (headerIndex < 0)
        {
            return Failed($"Tệp không theo mẫu báo cáo: không tìm thấy dòng tiêu đề của bảng (dòng có các cột «{ReportLayout.UnitName}» và «{ReportLayout.Persons}»).");
        }

        var header = rows[headerIndex];
        string? ColumnOf(string title) => header.FirstOrDefault(c => Same(Text(c.Value), title)).Key;
        string[] required = [ReportLayout.UnitName, ReportLayout.Level, ReportLayout.PersonKind, .. Counts];
        var missing = required.Where(t => ColumnOf(t) is null).ToList();
        if (missing.Count > 0)
        {
            return Failed($"Tệp không theo mẫu báo cáo: dòng tiêu đề (dòng {headerIndex + 1}) thiếu cột {string.Join(", ", missing.Select(m => $"«{m}»"))}.");
        }

        var layout = new Columns(
            ColumnOf(ReportLayout.UnitCode), ColumnOf(ReportLayout.UnitName)!, ColumnOf(ReportLayout.Level)!, ColumnOf(ReportLayout.PersonKind)!,
            [.. Counts.Select(c => ColumnOf(c)!)],
            [.. Counts.Select(c => NextColumn(ColumnOf(c)!) is { } next && Text(header.TryGetValue(next, out var h) ? h : null).StartsWith(ReportLayout.Share, StringComparison.OrdinalIgnoreCase) ? next : null)]);

        var cutOff = rows.Take(headerIndex).Select(r => CutOffIn(string.Join(' ', r.Values.Select(Text)))).FirstOrDefault(d => d is not null);
        var snapshot = await PickSnapshotAsync(snapshotId, cutOff, scope, cancellationToken);
        var system = snapshot is null ? null : await snapshots.RowsAsync(snapshot.Value, scope, cancellationToken);
        return Check(rows, headerIndex, layout, cutOff, snapshot, system);
    }

    /// <summary>The columns of the layout as the file places them; a share column is the one right after its count.</summary>
    private sealed record Columns(string? Code, string Name, string Level, string PersonKind, string[] Counts, string?[] Shares);

    /// <summary>A row as read: its counts (null when blank or not a number) and which cells were not numbers.</summary>
    private sealed record ReadRow(int Number, string Code, string Name, string? Level, string? PersonKind, long?[] Counts, bool[] NotNumbers);

    private static CheckResult Check(List<IDictionary<string, object?>> rows, int headerIndex, Columns layout, DateOnly? cutOff, Guid? snapshot,
        IReadOnlyList<SnapshotRow>? system)
    {
        var problems = new List<ReportProblem>();
        var read = new List<ReadRow>();
        ReadRow? totalRow = null;
        for (var i = headerIndex + 1; i < rows.Count; i++)
        {
            var cells = rows[i];
            string Cell(string? column) => column is null ? "" : Text(cells.TryGetValue(column, out var v) ? v : null);
            var name = Cell(layout.Name);
            var isTotal = name.StartsWith(ReportLayout.TotalRow, StringComparison.OrdinalIgnoreCase);
            if (!isTotal && name.Length == 0 && layout.Counts.All(c => Cell(c).Length == 0))
            {
                continue;
            }

            var number = i + 1;
            var counts = new long?[Counts.Length];
            var notNumbers = new bool[Counts.Length];
            for (var c = 0; c < Counts.Length; c++)
            {
                var text = Cell(layout.Counts[c]);
                counts[c] = ReportNumbers.ParseCount(text);
                if (text.Length > 0 && counts[c] is null)
                {
                    notNumbers[c] = true;
                    problems.Add(new(Address(layout.Counts[c], number), ReportProblemKinds.NotANumber,
                        $"Ô ghi «{Shorten(text)}» ở cột «{Counts[c]}»: cần một số (ví dụ 391.317)."));
                }
            }

            var row = new ReadRow(number, Cell(layout.Code), name, LevelOf(Cell(layout.Level)), PersonKindOf(Cell(layout.PersonKind)), counts, notNumbers);
            CheckRow(row, cells, layout, problems);
            if (isTotal)
            {
                totalRow = row;
                break;
            }

            read.Add(row);
        }

        if (totalRow is not null)
        {
            CheckTotal(totalRow, read, layout, problems);
        }

        CheckDuplicates(read, layout, problems);
        if (system is not null)
        {
            CheckAgainstSystem(read, layout, system, cutOff, problems);
        }

        return new CheckResult(null, read.Count, cutOff, snapshot, problems);
    }

    /// <summary>One row on itself: each part at most its whole, verified + not verified = total, each share its count over the total.</summary>
    private static void CheckRow(ReadRow row, IDictionary<string, object?> cells, Columns layout, List<ReportProblem> problems)
    {
        var c = row.Counts;
        const int persons = 0, withId = 1, complete = 2, verified = 3, notVerified = 4, health = 5;
        (int Part, int Whole)[] parts = [(withId, persons), (complete, withId), (verified, withId), (notVerified, persons), (health, persons)];
        foreach (var (part, whole) in parts)
        {
            if (c[part] is { } p && c[whole] is { } w && p > w)
            {
                problems.Add(new(Address(layout.Counts[part], row.Number), ReportProblemKinds.PartExceedsTotal,
                    $"«{Counts[part]}» ({ReportNumbers.Count(p)}) lớn hơn «{Counts[whole]}» ({ReportNumbers.Count(w)})."));
            }
        }

        if (c[verified] is { } v && c[notVerified] is { } n && c[persons] is { } t && v + n != t)
        {
            problems.Add(new(Address(layout.Counts[notVerified], row.Number), ReportProblemKinds.RowSum,
                $"Đã xác thực {ReportNumbers.Count(v)} + chưa xác thực {ReportNumbers.Count(n)} = {ReportNumbers.Count(v + n)}, khác «{ReportLayout.Persons}» {ReportNumbers.Count(t)}."));
        }

        for (var i = 1; i < Counts.Length; i++)
        {
            if (layout.Shares[i] is not { } column || c[i] is not { } part || c[persons] is not { } total || total == 0)
            {
                continue;
            }

            var value = cells.TryGetValue(column, out var raw) ? raw : null;
            var text = Text(value);
            if (text.Length == 0)
            {
                continue;
            }

            // A number typed in a cell formatted as a percentage is stored as a fraction (0.977): either reading may be meant.
            var typed = ReportNumbers.ParsePercent(text);
            var asFraction = value is double ? ReportNumbers.ParsePercent(text, isFraction: true) : null;
            if (typed is null)
            {
                problems.Add(new(Address(column, row.Number), ReportProblemKinds.NotANumber, $"Ô ghi «{Shorten(text)}»: cần một tỷ lệ (ví dụ 97,70%)."));
                continue;
            }

            bool Matches((decimal Value, int Decimals)? reading) =>
                reading is { } r && ReportNumbers.Share(part, total, Math.Min(r.Decimals, 4)) == Math.Round(r.Value, Math.Min(r.Decimals, 4));
            if (!Matches(typed) && !Matches(asFraction))
            {
                var decimals = Math.Min(typed.Value.Decimals, 4);
                problems.Add(new(Address(column, row.Number), ReportProblemKinds.Percentage,
                    $"Tỷ lệ ghi {ReportNumbers.Percent(typed.Value.Value)} nhưng {ReportNumbers.Count(part)}/{ReportNumbers.Count(total)} = "
                    + $"{ReportNumbers.Share(part, total, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Labels.Vietnamese)}%."));
            }
        }
    }

    private static void CheckTotal(ReadRow total, List<ReadRow> rows, Columns layout, List<ReportProblem> problems)
    {
        for (var c = 0; c < Counts.Length; c++)
        {
            // A column with a cell that is not a number cannot be summed (that cell is reported); a blank cell counts nothing.
            if (total.Counts[c] is { } typed && rows.Count > 0 && !rows.Any(r => r.NotNumbers[c]) && rows.Sum(r => r.Counts[c] ?? 0) is var sum && sum != typed)
            {
                problems.Add(new(Address(layout.Counts[c], total.Number), ReportProblemKinds.TotalRow,
                    $"«{ReportLayout.TotalRow}» ghi {ReportNumbers.Count(typed)} ở cột «{Counts[c]}», nhưng các dòng cộng lại được {ReportNumbers.Count(sum)}."));
            }
        }
    }

    private static void CheckDuplicates(List<ReadRow> rows, Columns layout, List<ReportProblem> problems)
    {
        var seen = new Dictionary<(string, string?, string?), int>();
        foreach (var row in rows)
        {
            var key = (row.Code.Length > 0 ? row.Code : VietnameseText.SearchKey(row.Name) ?? row.Name, row.Level, row.PersonKind);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new(Address(layout.Name, row.Number), ReportProblemKinds.DuplicateUnit,
                    $"«{Shorten(row.Name)}» ({Describe(row)}) đã có ở dòng {first}: mỗi đơn vị chỉ ghi một lần."));
            }
            else
            {
                seen[key] = row.Number;
            }
        }
    }

    /// <summary>Each row against the snapshot: a school's row by its code (or name), a commune's by its code (or name).</summary>
    private static void CheckAgainstSystem(List<ReadRow> rows, Columns layout, IReadOnlyList<SnapshotRow> system, DateOnly? cutOff, List<ReportProblem> problems)
    {
        var schools = system.GroupBy(r => r.SchoolCode).ToDictionary(g => g.Key, g => g.ToList());
        var communes = system.GroupBy(r => r.CommuneCode).ToDictionary(g => g.Key, g => g.ToList());
        var byName = system.GroupBy(r => VietnameseText.SearchKey(r.SchoolName) ?? r.SchoolName).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var g in system.Where(r => r.CommuneName is not null).GroupBy(r => VietnameseText.SearchKey(r.CommuneName) ?? r.CommuneName!))
        {
            byName.TryAdd(g.Key, [.. g]);
        }

        var when = cutOff is { } day ? $" tính đến {Labels.Date(day)}" : "";
        foreach (var row in rows.Where(r => r.Level is not null && r.PersonKind is not null))
        {
            var unit = row.Code.Length > 0
                ? schools.GetValueOrDefault(row.Code) ?? communes.GetValueOrDefault(row.Code)
                : byName.GetValueOrDefault(VietnameseText.SearchKey(row.Name) ?? row.Name);
            var lines = unit?.Where(r => r.Level == row.Level && r.PersonKind == row.PersonKind).ToList();
            if (lines is null || lines.Count == 0)
            {
                problems.Add(new(Address(layout.Name, row.Number), ReportProblemKinds.UnknownUnit,
                    $"Số liệu hệ thống{when} không có «{Shorten(row.Name)}» ({Describe(row)})."));
                continue;
            }

            var columns = Figures.Sum(lines.Select(l => l.Figures)).Columns;
            for (var c = 0; c < Counts.Length; c++)
            {
                if (row.Counts[c] is { } typed && typed != columns[c] && !(c == Counts.Length - 1 && row.PersonKind == WireNames.Staff))
                {
                    problems.Add(new(Address(layout.Counts[c], row.Number), ReportProblemKinds.DiffersFromSystem,
                        $"Ghi {ReportNumbers.Count(typed)} ở cột «{Counts[c]}», số liệu hệ thống{when} là {ReportNumbers.Count(columns[c])}."));
                }
            }
        }
    }

    /// <summary>The snapshot picked, or else the one of the report's own cut-off.</summary>
    private async Task<Guid?> PickSnapshotAsync(Guid? snapshotId, DateOnly? cutOff, UserScope scope, CancellationToken cancellationToken) =>
        snapshotId is { } id
            ? (await snapshots.FindAsync(id, scope, cancellationToken))?.Id
            : ReportSnapshots.OfCutOff(await snapshots.ListAsync(scope, cancellationToken), cutOff)?.Id;

    private static string? LevelOf(string text)
    {
        var key = VietnameseText.SearchKey(text) ?? "";
        return ReportLevels.InReportOrder.FirstOrDefault(l => key == VietnameseText.SearchKey(l) || key == VietnameseText.SearchKey(ReportLayout.LevelName(l))
            || key == VietnameseText.SearchKey(l.Replace('_', '&')));
    }

    private static string? PersonKindOf(string text)
    {
        var key = VietnameseText.SearchKey(text) ?? "";
        return key.Length == 0 ? null
            : key.Contains("giao vien", StringComparison.Ordinal) || key.Contains("can bo", StringComparison.Ordinal) || key.Contains("nhan vien", StringComparison.Ordinal) ? WireNames.Staff
            : key.Contains("hoc", StringComparison.Ordinal) || key.Contains("tre", StringComparison.Ordinal) ? WireNames.Student
            : null;
    }

    private static string Describe(ReadRow row) =>
        $"{(row.Level is { } l ? ReportLayout.LevelName(l) : "cấp học không rõ")}, {(row.PersonKind is { } k ? ReportLayout.PersonKindName(k).ToLowerInvariant() : "đối tượng không rõ")}";

    private static DateOnly? CutOffIn(string text) =>
        CutOffDate().Match(text) is { Success: true } m
        && DateOnly.TryParseExact(m.Value, ["d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CutOffDate();

    private static string? NextColumn(string column)
    {
        var index = 0;
        foreach (var c in column)
        {
            index = index * 26 + (c - 'A' + 1);
        }

        return ReportLayout.Column(index);
    }

    private static string Address(string column, int row) => column + row.ToString(CultureInfo.InvariantCulture);

    private static bool Same(string a, string b) => string.Equals(VietnameseText.SearchKey(a), VietnameseText.SearchKey(b), StringComparison.Ordinal);

    private static CheckResult Failed(string error) => new(error, 0, null, null, []);

    private static string Text(object? cell) => Mismatches.SpreadsheetCell.Text(cell);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
