using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Reporting;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>A snapshot as listed: when it is "tính đến", how it was frozen, and its province's persons and open items.</summary>
public sealed record SnapshotSummary(Guid Id, DateOnly CutOff, string Period, int SchoolYear, DateTimeOffset FrozenAt, string FrozenBy,
    int Schools, int Persons, int OpenItems);

/// <summary>A unit and level whose figures differ between two snapshots.</summary>
public sealed record FigureChange(string Code, string Name, string Level, string PersonKind, Figures Before, Figures After);

/// <summary>Two snapshots compared, unit by unit, for the caller's scope.</summary>
public sealed record SnapshotComparison(SnapshotSummary Before, SnapshotSummary After, Figures TotalBefore, Figures TotalAfter,
    IReadOnlyList<FigureChange> Changes);

/// <summary>
/// The frozen snapshots: listed, read (scoped to the caller's schools), frozen on demand, and compared two at a time. Reading
/// never touches the live figures, so a snapshot reads the same whatever runs came after it.
/// </summary>
public sealed class ReportSnapshots(DigitalEduDbContext db, SnapshotFreezer freezer, ReportingCalendar calendar, TimeProvider clock, Web.AuditLog audit)
{
    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(UserScope scope, CancellationToken cancellationToken)
    {
        var snapshots = await db.ReportSnapshots.AsNoTracking().OrderByDescending(s => s.CutOff).ThenByDescending(s => s.FrozenAt)
            .ToListAsync(cancellationToken);
        return await SummariesAsync(snapshots, scope, cancellationToken);
    }

    public async Task<SnapshotSummary?> FindAsync(Guid id, UserScope scope, CancellationToken cancellationToken) =>
        (await SummariesAsync(await db.ReportSnapshots.AsNoTracking().Where(s => s.Id == id).ToListAsync(cancellationToken), scope, cancellationToken))
            .SingleOrDefault();

    /// <summary>
    /// The snapshots as the caller sees them: the province's totals kept in each header, or a school's counted from its own rows
    /// (a few per snapshot on the snapshot-and-school indexes).
    /// </summary>
    private async Task<IReadOnlyList<SnapshotSummary>> SummariesAsync(List<ReportSnapshot> snapshots, UserScope scope, CancellationToken cancellationToken)
    {
        if (scope.Schools is not { } schools)
        {
            return [.. snapshots.Select(s => Summary(s, s.Schools, s.Persons, s.OpenItems))];
        }

        var ids = snapshots.Select(s => s.Id).ToList();
        var figures = await db.ReportSnapshotFigures.AsNoTracking().Where(f => ids.Contains(f.SnapshotId) && schools.Contains(f.SchoolCode))
            .GroupBy(f => f.SnapshotId)
            .Select(g => new { g.Key, Schools = g.Select(f => f.SchoolCode).Distinct().Count(), Persons = g.Sum(f => f.Persons) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var items = await db.ReportSnapshotItems.AsNoTracking().Where(i => ids.Contains(i.SnapshotId) && schools.Contains(i.SchoolCode))
            .GroupBy(i => i.SnapshotId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. snapshots.Select(s => Summary(s, figures.GetValueOrDefault(s.Id)?.Schools ?? 0, figures.GetValueOrDefault(s.Id)?.Persons ?? 0,
            items.GetValueOrDefault(s.Id)))];
    }

    /// <summary>The snapshot's rows in the caller's scope, in school order.</summary>
    public async Task<IReadOnlyList<SnapshotRow>> RowsAsync(Guid id, UserScope scope, CancellationToken cancellationToken) =>
        (await ScopedFigures(scope).Where(f => f.SnapshotId == id).ToListAsync(cancellationToken))
            .Select(f => new SnapshotRow(f.SchoolCode, f.SchoolName, f.CommuneCode, f.CommuneName, f.Level, f.PersonKind,
                new Figures(f.Persons, f.WithPersonalId, f.Complete, f.Verified, f.HealthSynced)))
            .OrderBy(r => r.SchoolCode, StringComparer.Ordinal)
            .ToList();

    /// <summary>Open items behind a snapshot's figures, by kind, in the caller's scope (and one unit's schools when given).</summary>
    public async Task<IReadOnlyDictionary<string, int>> OpenItemsAsync(Guid id, UserScope scope, IReadOnlySet<string>? schools,
        CancellationToken cancellationToken) =>
        await ScopedItems(scope).Where(i => i.SnapshotId == id && (schools == null || schools.Contains(i.SchoolCode)))
            .GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// A snapshot and the report of one of its units: the province, a commune or a school (by default a school user's first
    /// school, everyone else's province); null when the snapshot or the unit is not there or not the caller's.
    /// </summary>
    public async Task<(SnapshotSummary Snapshot, UnitReport Report)?> UnitAsync(Guid id, string? unit, string? code, UserScope scope,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, scope, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        unit ??= scope.IsProvinceWide ? ReportUnits.Province : ReportUnits.School;
        code ??= scope.Schools?.Order(StringComparer.Ordinal).FirstOrDefault();
        var rows = await RowsAsync(id, scope, cancellationToken);
        var report = unit switch
        {
            ReportUnits.School when rows.Where(r => r.SchoolCode == code).ToList() is { Count: > 0 } school =>
                UnitReport.Of(unit, code!, school[0].SchoolName, school),
            ReportUnits.Commune when rows.Where(r => r.CommuneCode == code).ToList() is { Count: > 0 } commune =>
                UnitReport.Of(unit, code!, commune[0].CommuneName ?? code!, commune),
            ReportUnits.Province when scope.IsProvinceWide => UnitReport.Of(ReportUnits.Province, "", "Toàn tỉnh", rows),
            _ => null,
        };
        return report is null ? null : (snapshot, report);
    }

    /// <summary>The snapshot of a cut-off day: the calendar's when there is one, else the latest frozen on demand for it.</summary>
    public static SnapshotSummary? OfCutOff(IEnumerable<SnapshotSummary> snapshots, DateOnly? day) =>
        snapshots.Where(s => s.CutOff == day).OrderBy(s => s.Period == ReportPeriods.OnDemand ? 1 : 0).ThenByDescending(s => s.FrozenAt)
            .FirstOrDefault();

    /// <summary>Freezes <paramref name="day"/> now (today when null) from the latest figures before the day ended.</summary>
    public async Task<FrozenSnapshot?> FreezeAsync(DateOnly? day, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = ReportingCalendar.Today(clock);
        var cutOff = calendar.For(day ?? today) with { Period = ReportPeriods.OnDemand };
        var frozen = await freezer.FreezeAsync(cutOff, cutOff.Day >= today ? null : cutOff.Ends, user.Identity?.Name ?? "", cancellationToken);
        if (frozen is not null)
        {
            await audit.WriteAsync(user, Domain.Vocabulary.AuditAction.FreezeSnapshot, null, null,
                $"snapshot {frozen.Id} as of {cutOff.Day:yyyy-MM-dd}: {frozen.Schools} schools", cancellationToken);
        }

        return frozen;
    }

    public async Task<SnapshotComparison?> CompareAsync(Guid before, Guid after, UserScope scope, CancellationToken cancellationToken)
    {
        if (await FindAsync(before, scope, cancellationToken) is not { } a || await FindAsync(after, scope, cancellationToken) is not { } b)
        {
            return null;
        }

        var rowsA = await RowsAsync(before, scope, cancellationToken);
        var rowsB = await RowsAsync(after, scope, cancellationToken);
        var keys = rowsA.Select(Key).Union(rowsB.Select(Key)).ToHashSet();
        var byA = rowsA.ToDictionary(Key);
        var byB = rowsB.ToDictionary(Key);
        var changes = keys
            .Select(k => (k, A: byA.GetValueOrDefault(k), B: byB.GetValueOrDefault(k)))
            .Where(p => p.A?.Figures != p.B?.Figures)
            .Select(p => new FigureChange(p.k.SchoolCode, (p.B ?? p.A)!.SchoolName, p.k.Level, p.k.PersonKind, p.A?.Figures ?? Figures.Zero,
                p.B?.Figures ?? Figures.Zero))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ThenByLevel(c => c.Level, c => c.PersonKind)
            .ToList();
        return new SnapshotComparison(a, b, Figures.Sum(rowsA.Select(r => r.Figures)), Figures.Sum(rowsB.Select(r => r.Figures)), changes);

        static (string SchoolCode, string Level, string PersonKind) Key(SnapshotRow r) => (r.SchoolCode, r.Level, r.PersonKind);
    }

    private IQueryable<ReportSnapshotFigure> ScopedFigures(UserScope scope)
    {
        var figures = db.ReportSnapshotFigures.AsNoTracking();
        return scope.Schools is { } schools ? figures.Where(f => schools.Contains(f.SchoolCode)) : figures;
    }

    private IQueryable<ReportSnapshotItem> ScopedItems(UserScope scope)
    {
        var items = db.ReportSnapshotItems.AsNoTracking();
        return scope.Schools is { } schools ? items.Where(i => schools.Contains(i.SchoolCode)) : items;
    }

    private static SnapshotSummary Summary(ReportSnapshot s, int schools, int persons, int items) =>
        new(s.Id, s.CutOff, s.Period, s.SchoolYear, s.FrozenAt, s.FrozenBy, schools, persons, items);
}
