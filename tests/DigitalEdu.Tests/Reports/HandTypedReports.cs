using System.Globalization;
using System.Text.Json;
using DigitalEdu.Domain.Reporting;
using MiniExcelLibs;

namespace DigitalEdu.Tests.Reports;

/// <summary>One sample report and the problems the checker must find in it, exactly: kind and cell.</summary>
public sealed record SampleReport(string File, string Contradiction, IReadOnlyList<SampleProblem> Expected);

public sealed record SampleProblem(string Kind, string Cell);

/// <summary>
/// Makes the hand-typed sample reports in samples/reports from the province's report as DigitalEdu exports it for the
/// simulators' data (seed 42, no vendor variation): retyped with numbers where a typist types numbers, then one contradiction
/// planted per file, the shares and totals a typist's spreadsheet computes kept consistent unless they are the contradiction.
/// </summary>
public static class HandTypedReports
{
    public const string Manifest = "expected.json";

    // The layout's columns: F total, G valid ID, H its share, I complete, K verified, M not verified, N its share, O health.
    private const int FirstDataRow = 6;
    private static readonly string[] CountColumns = ["F", "G", "I", "K", "M", "O"];

    public static string Folder => Path.Combine(Observability.DashboardTests.RepositoryRoot(), "samples", "reports");

    public static IReadOnlyList<SampleReport> ReadManifest() =>
        JsonSerializer.Deserialize<List<SampleReport>>(File.ReadAllText(Path.Combine(Folder, Manifest)), JsonOptions)!;

    public static void Write(byte[] exported)
    {
        var rows = MiniExcel.Query(new MemoryStream(exported), useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => r.ToDictionary(c => c.Key, c => c.Value)).ToList();
        var totalRow = rows.FindIndex(r => Equals(r.GetValueOrDefault("C"), "Tổng cộng")) + 1;
        var dataRows = Enumerable.Range(FirstDataRow, totalRow - FirstDataRow).ToList();
        Retype(rows, dataRows, totalRow);

        int Pupils(int skip) => dataRows.Where(r => Equals(Cell(rows, r, "E"), "Người học") && Count(rows, r, "F") > 20).Skip(skip).First();
        var samples = new List<(SampleReport Sample, List<Dictionary<string, object?>> Rows)> { (new("dung.xlsx", "none", []), rows) };

        var withId = Copy(rows);
        var r1 = Pupils(0);
        Set(withId, r1, "G", Count(withId, r1, "F") + 5);
        Recompute(withId, dataRows, totalRow);
        samples.Add((new("co-dinh-danh-lon-hon-tong-so.xlsx", "with an ID > learners",
            [new(ReportProblemKinds.PartExceedsTotal, $"G{r1}"), new(ReportProblemKinds.DiffersFromSystem, $"G{r1}")]), withId));

        var total = Copy(rows);
        // The health column: its total has no share and no row sum, so the wrong total is the one thing to find.
        Set(total, totalRow, "O", Count(total, totalRow, "O") - 17);
        samples.Add((new("tong-cong-sai.xlsx", "a total row that is not the sum of its rows", [new(ReportProblemKinds.TotalRow, $"O{totalRow}")]), total));

        var share = Copy(rows);
        var r2 = Pupils(1);
        share[r2 - 1]["H"] = ReportNumbers.Percent(ReportNumbers.Share(Count(share, r2, "G"), Count(share, r2, "F"), 2) + 1m);
        samples.Add((new("ty-le-sai.xlsx", "a wrong percentage", [new(ReportProblemKinds.Percentage, $"H{r2}")]), share));

        var duplicate = Copy(rows);
        var r3 = Pupils(2);
        duplicate[r3] = new Dictionary<string, object?>(duplicate[r3 - 1]) { ["A"] = duplicate[r3]["A"] };
        Recompute(duplicate, dataRows, totalRow);
        samples.Add((new("don-vi-lap-lai.xlsx", "a unit typed twice", [new(ReportProblemKinds.DuplicateUnit, $"C{r3 + 1}")]), duplicate));

        var system = Copy(rows);
        var r4 = Pupils(4);
        Set(system, r4, "F", Count(system, r4, "F") + 2);
        Set(system, r4, "M", Count(system, r4, "M") + 2);
        Recompute(system, dataRows, totalRow);
        samples.Add((new("khac-so-lieu-he-thong.xlsx", "figures that are not the system's",
            [new(ReportProblemKinds.DiffersFromSystem, $"F{r4}"), new(ReportProblemKinds.DiffersFromSystem, $"M{r4}")]), system));

        var words = Copy(rows);
        var r5 = Pupils(5);
        words[r5 - 1]["O"] = "Chưa tách rõ";
        samples.Add((new("chu-thay-so.xlsx", "words where a number belongs", [new(ReportProblemKinds.NotANumber, $"O{r5}")]), words));

        Directory.CreateDirectory(Folder);
        foreach (var (sample, sheet) in samples)
        {
            using var file = File.Create(Path.Combine(Folder, sample.File));
            MiniExcel.SaveAs(file, sheet, printHeader: false, sheetName: "Báo cáo", excelType: ExcelType.XLSX);
        }

        // Not the layout at all: a list without the table's header row.
        using (var file = File.Create(Path.Combine(Folder, "khong-dung-mau.xlsx")))
        {
            MiniExcel.SaveAs(file, new[] { new Dictionary<string, object?> { ["A"] = "Danh sách trường", ["B"] = "Số học sinh" },
                new Dictionary<string, object?> { ["A"] = "Trường Tiểu học A", ["B"] = 512 } }, printHeader: false, excelType: ExcelType.XLSX);
        }

        File.WriteAllText(Path.Combine(Folder, Manifest), JsonSerializer.Serialize(samples.Select(s => s.Sample).ToList(), JsonOptions) + "\n");
    }

    /// <summary>Counts retyped as numbers (as a typist types them); shares stay text such as 97,70%.</summary>
    private static void Retype(List<Dictionary<string, object?>> rows, List<int> dataRows, int totalRow)
    {
        foreach (var row in dataRows.Append(totalRow))
        {
            foreach (var column in CountColumns)
            {
                if (ReportNumbers.ParseCount(Cell(rows, row, column)) is { } count)
                {
                    rows[row - 1][column] = (double)count;
                }
            }
        }
    }

    /// <summary>What a typist's spreadsheet recomputes: each share of the row's total, and the total row's counts and shares.</summary>
    private static void Recompute(List<Dictionary<string, object?>> rows, List<int> dataRows, int totalRow)
    {
        // A blank cell (staff have no health exams) counts nothing.
        foreach (var column in CountColumns)
        {
            Set(rows, totalRow, column, dataRows.Where(r => Cell(rows, r, column).Length > 0).Sum(r => Count(rows, r, column)));
        }

        foreach (var row in dataRows.Append(totalRow))
        {
            foreach (var column in CountColumns.Skip(1))
            {
                var shareColumn = ((char)(column[0] + 1)).ToString();
                if (Cell(rows, row, shareColumn).Length > 0)
                {
                    rows[row - 1][shareColumn] = ReportNumbers.Percent(Count(rows, row, column), Count(rows, row, "F"));
                }
            }
        }
    }

    private static List<Dictionary<string, object?>> Copy(List<Dictionary<string, object?>> rows) => [.. rows.Select(r => new Dictionary<string, object?>(r))];

    private static void Set(List<Dictionary<string, object?>> rows, int row, string column, long value) => rows[row - 1][column] = (double)value;

    private static long Count(List<Dictionary<string, object?>> rows, int row, string column) =>
        ReportNumbers.ParseCount(Cell(rows, row, column)) ?? throw new InvalidOperationException($"{column}{row} is not a count.");

    private static string Cell(List<Dictionary<string, object?>> rows, int row, string column) => rows[row - 1].GetValueOrDefault(column) switch
    {
        null => "",
        double d => d.ToString("0", CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };
}
