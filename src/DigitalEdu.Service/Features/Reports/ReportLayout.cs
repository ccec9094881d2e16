using DigitalEdu.Domain.Reporting;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>
/// The report's table as the provincial reports lay it out, written by the export and read back by the checker of hand-typed
/// reports: a title, the unit, the cut-off ("Số liệu tính đến ngày 30/09/2026"), a header row, one row per sub-unit, level and
/// person kind, a total row, then the preparer's and the head's lines. Every percentage is of the row's "Tổng số".
/// </summary>
public static class ReportLayout
{
    public const string Title = "BÁO CÁO SỐ LIỆU CƠ SỞ DỮ LIỆU NGÀNH GIÁO DỤC";
    public const string CutOffPrefix = "Số liệu tính đến ngày";
    public const string UnitPrefix = "Đơn vị báo cáo:";
    public const string TotalRow = "Tổng cộng";
    public const string Preparer = "Người lập biểu";
    public const string Head = "Thủ trưởng đơn vị";
    public const string SignHint = "(Ký, ghi rõ họ tên)";

    public const string RowNumber = "STT";
    public const string UnitCode = "Mã đơn vị";
    public const string UnitName = "Đơn vị";
    public const string Level = "Cấp học";
    public const string PersonKind = "Đối tượng";
    public const string Share = "Tỷ lệ";
    public const string Note = "Ghi chú";

    /// <summary>The count columns, in order, each followed by its share of <see cref="Persons"/> except the first.</summary>
    public const string Persons = "Tổng số";
    public const string WithPersonalId = "Có số định danh hợp lệ";
    public const string Complete = "Cập nhật đầy đủ thông tin";
    public const string Verified = "Đã xác thực với CSDL quốc gia về dân cư";
    public const string NotVerified = "Chưa xác thực";
    public const string HealthSynced = "Khám sức khỏe đã đồng bộ";

    public static readonly IReadOnlyList<string> Counts = [Persons, WithPersonalId, Complete, Verified, NotVerified, HealthSynced];

    /// <summary>The header row: A STT, B code, C unit, D level, E person kind, F total, then each count and its share, and a note.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        RowNumber, UnitCode, UnitName, Level, PersonKind, Persons,
        WithPersonalId, Share, Complete, Share, Verified, Share, NotVerified, Share, HealthSynced, Share, Note,
    ];

    /// <summary>The rows above the header: title, unit, cut-off, a blank.</summary>
    public const int HeaderRow = 5;

    /// <summary>Spreadsheet column letters, A for the first.</summary>
    public static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    public static string LevelName(string level) => level.Length == 0 ? "Chưa rõ" : Labels.Level(level);

    public static string PersonKindName(string personKind) => personKind == WireNames.Staff ? "Cán bộ, giáo viên, nhân viên" : "Người học";

    /// <summary>One row of the table, as cells from A: counts with a dot between thousands, shares as 97,70%.</summary>
    public static IReadOnlyList<string> Row(string rowNumber, string code, string name, string level, string personKind, Figures figures)
    {
        var cells = new List<string> { rowNumber, code, name, level, personKind, ReportNumbers.Count(figures.Persons) };
        var columns = figures.Columns;
        for (var i = 1; i < columns.Count; i++)
        {
            var staffHealth = i == columns.Count - 1 && personKind == PersonKindName(WireNames.Staff);
            cells.Add(staffHealth ? "" : ReportNumbers.Count(columns[i]));
            cells.Add(staffHealth ? "" : ReportNumbers.Percent(columns[i], figures.Persons));
        }

        cells.Add("");
        return cells;
    }

    /// <summary>The whole sheet of <paramref name="report"/> as rows of cells from A.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Sheet(UnitReport report, DateOnly cutOff)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { Title },
            new[] { $"{UnitPrefix} {report.Name}{(report.Code.Length > 0 ? $" (mã {report.Code})" : "")}" },
            new[] { $"{CutOffPrefix} {Labels.Date(cutOff)}" },
            Array.Empty<string>(),
            Header,
        };
        var number = 0;
        foreach (var part in report.Parts)
        {
            foreach (var line in part.Lines)
            {
                rows.Add(Row((++number).ToString(System.Globalization.CultureInfo.InvariantCulture), part.Code, part.Name, LevelName(line.Level),
                    PersonKindName(line.PersonKind), line.Figures));
            }
        }

        var total = Row("", "", TotalRow, "", "", report.Total);
        // The pupils' health share is of pupils only: the total row, pupils and staff together, leaves it out.
        rows.Add([.. total.Take(total.Count - 2), "", ""]);
        rows.Add([]);
        rows.Add(["", "", "", "", "", "", "", "", "", "", "", ".........., ngày ..... tháng ..... năm ......"]);
        rows.Add(["", "", Preparer, "", "", "", "", "", "", "", "", Head]);
        rows.Add(["", "", SignHint, "", "", "", "", "", "", "", "", SignHint]);
        return rows;
    }
}
