using DigitalEdu.Sync.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Web;

/// <summary>Coverage figures as the officer's page shows them, with where they came from.</summary>
public sealed record CoverageReport(IReadOnlyList<CoverageRow> Rows, bool FromSnapshots, DateTimeOffset? TakenAt)
{
    public int Persons => Rows.Sum(r => r.Persons);
    public int WithPersonalId => Rows.Sum(r => r.WithPersonalId);
    public int Verified => Rows.Sum(r => r.Verified);
    public int Students => Rows.Where(r => r.PersonKind == "student").Sum(r => r.Persons);
    public int HealthCurrent => Rows.Sum(r => r.HealthCurrent);

    public IReadOnlyList<CoverageRow> ForKind(string personKind) => Rows.Where(r => r.PersonKind == personKind).ToList();
}

/// <summary>
/// Reads the coverage snapshots of the latest province-wide run when it left any, else computes the same figures
/// (<see cref="CoverageQuery"/>), so the page always has numbers.
/// </summary>
public sealed class CoverageFigures(DigitalEduDbContext db, CoverageQuery query)
{
    public async Task<CoverageReport> LatestAsync(string? schoolCode, CancellationToken cancellationToken)
    {
        var latest = await db.SyncRuns.AsNoTracking()
            .Where(r => r.SchoolCode == null && r.FinishedAt != null)
            .OrderByDescending(r => r.FinishedAt)
            .Select(r => new { r.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            var snapshots = await db.Coverage.AsNoTracking()
                .Where(c => c.RunId == latest.Id && (schoolCode == null || c.SchoolCode == schoolCode))
                .ToListAsync(cancellationToken);
            if (snapshots.Count > 0)
            {
                return new CoverageReport(
                    snapshots.Select(c => new CoverageRow(c.SchoolCode, c.PersonKind, c.Persons, c.WithPersonalId, c.Verified, c.HealthCurrent,
                        CoverageQuery.ParseItems(c.OpenItems))).ToList(),
                    FromSnapshots: true,
                    snapshots.Max(c => c.TakenAt));
            }
        }

        return new CoverageReport(await query.ComputeAsync(schoolCode, cancellationToken), FromSnapshots: false, TakenAt: null);
    }
}
