using DigitalEdu.Domain.Reporting;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>
/// The reports' figures of one group: persons ⊇ with a valid personal ID ⊇ records complete ⊇ verified; not verified is the
/// rest of the persons; health synced is part of the pupils. Every percentage is of <see cref="Persons"/>.
/// </summary>
public sealed record Figures(int Persons, int WithPersonalId, int Complete, int Verified, int HealthSynced)
{
    public static readonly Figures Zero = new(0, 0, 0, 0, 0);

    public int NotVerified => Persons - Verified;

    public static Figures operator +(Figures a, Figures b) =>
        new(a.Persons + b.Persons, a.WithPersonalId + b.WithPersonalId, a.Complete + b.Complete, a.Verified + b.Verified,
            a.HealthSynced + b.HealthSynced);

    public static Figures Sum(IEnumerable<Figures> figures) => figures.Aggregate(Zero, (a, b) => a + b);

    /// <summary>The figures in the order of the report's columns.</summary>
    public IReadOnlyList<int> Columns => [Persons, WithPersonalId, Complete, Verified, NotVerified, HealthSynced];
}

/// <summary>One school, level and person kind of a snapshot.</summary>
public sealed record SnapshotRow(
    string SchoolCode, string SchoolName, string CommuneCode, string? CommuneName, string Level, string PersonKind, Figures Figures);

/// <summary>What a report is about: the province, a commune, or a school.</summary>
public static class ReportUnits
{
    public const string Province = "province";
    public const string Commune = "commune";
    public const string School = "school";

    public static readonly IReadOnlyList<string> All = [Province, Commune, School];
}

/// <summary>A level and person kind's figures within a unit (a line of the report's table).</summary>
public sealed record LevelLine(string Level, string PersonKind, Figures Figures);

/// <summary>One unit of a report's table (a school of a commune's report, a commune of the province's) with its lines.</summary>
public sealed record UnitLines(string Code, string Name, IReadOnlyList<LevelLine> Lines)
{
    public Figures Total => Figures.Sum(Lines.Select(l => l.Figures));
}

/// <summary>A unit's figures, grouped as its report shows them: its sub-units' lines and its totals by level.</summary>
public sealed record UnitReport(string Unit, string Code, string Name, IReadOnlyList<UnitLines> Parts)
{
    public Figures Total => Figures.Sum(Parts.Select(p => p.Total));

    /// <summary>The unit's lines summed by level and person kind, in the reports' order.</summary>
    public IReadOnlyList<LevelLine> ByLevel =>
    [
        .. Parts.SelectMany(p => p.Lines)
            .GroupBy(l => (l.Level, l.PersonKind))
            .Select(g => new LevelLine(g.Key.Level, g.Key.PersonKind, Figures.Sum(g.Select(l => l.Figures))))
            .OrderByLevel(l => l.Level, l => l.PersonKind),
    ];

    public Figures Pupils => Figures.Sum(ByLevel.Where(l => l.PersonKind == WireNames.Student).Select(l => l.Figures));

    public Figures Staff => Figures.Sum(ByLevel.Where(l => l.PersonKind == WireNames.Staff).Select(l => l.Figures));

    /// <summary>
    /// Groups a snapshot's rows for <paramref name="unit"/>: a school's report has one part (the school), a commune's a part
    /// per school, the province's a part per commune.
    /// </summary>
    public static UnitReport Of(string unit, string code, string name, IEnumerable<SnapshotRow> rows)
    {
        var parts = rows
            .GroupBy(r => unit == ReportUnits.Province ? r.CommuneCode : r.SchoolCode)
            .Select(g =>
            {
                var first = g.First();
                var partName = unit == ReportUnits.Province ? first.CommuneName ?? (first.CommuneCode.Length == 0 ? "Chưa rõ xã, phường" : first.CommuneCode) : first.SchoolName;
                return new UnitLines(g.Key, partName,
                [
                    .. g.GroupBy(r => (r.Level, r.PersonKind))
                        .Select(l => new LevelLine(l.Key.Level, l.Key.PersonKind, Figures.Sum(l.Select(r => r.Figures))))
                        .OrderByLevel(l => l.Level, l => l.PersonKind),
                ]);
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        return new UnitReport(unit, code, name, parts);
    }
}

/// <summary>The order the reports list lines in: by level (<see cref="ReportLevels.Rank"/>), pupils before staff.</summary>
public static class LevelOrder
{
    public static IOrderedEnumerable<T> OrderByLevel<T>(this IEnumerable<T> lines, Func<T, string> level, Func<T, string> personKind) =>
        lines.OrderBy(l => ReportLevels.Rank(level(l))).ThenBy(level, StringComparer.Ordinal).ThenBy(l => personKind(l) == WireNames.Student ? 0 : 1);

    public static IOrderedEnumerable<T> ThenByLevel<T>(this IOrderedEnumerable<T> lines, Func<T, string> level, Func<T, string> personKind) =>
        lines.ThenBy(l => ReportLevels.Rank(level(l))).ThenBy(level, StringComparer.Ordinal).ThenBy(l => personKind(l) == WireNames.Student ? 0 : 1);
}
