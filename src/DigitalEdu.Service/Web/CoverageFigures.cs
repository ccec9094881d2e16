using System.Text.Json;
using DigitalEdu.Sync.Coverage;

namespace DigitalEdu.Service.Web;

/// <summary>The coverage figures of one school and person kind, as the last run covering that school counted them.</summary>
public sealed record SchoolKindCoverage(
    string SchoolCode, string PersonKind, int Persons, int WithPersonalId, int Verified, int HealthCurrent, IReadOnlyDictionary<string, int> OpenItems);

/// <summary>Coverage figures as the pages show them, with when they were taken; empty until a run has reconciled.</summary>
public sealed record CoverageSummary(IReadOnlyList<SchoolKindCoverage> Rows, DateTimeOffset? TakenAt)
{
    public bool HasFigures => Rows.Count > 0;
    public int Persons => Rows.Sum(r => r.Persons);
    public int WithPersonalId => Rows.Sum(r => r.WithPersonalId);
    public int Verified => Rows.Sum(r => r.Verified);
    public int Students => Rows.Where(r => r.PersonKind == "student").Sum(r => r.Persons);
    public int HealthCurrent => Rows.Sum(r => r.HealthCurrent);

    public IReadOnlyList<SchoolKindCoverage> ForKind(string personKind) => Rows.Where(r => r.PersonKind == personKind).ToList();
}

/// <summary>
/// Reads the coverage snapshots every reconcile leaves (through <see cref="CoverageReport"/>, as the API does), so the pages
/// and the API count by one definition.
/// </summary>
public sealed class CoverageFigures(CoverageReport report)
{
    public async Task<CoverageSummary> LatestAsync(string? schoolCode, CancellationToken cancellationToken)
    {
        var scope = schoolCode is null ? null : new HashSet<string>(StringComparer.Ordinal) { schoolCode };
        var snapshots = await report.LatestSnapshotsAsync(scope, cancellationToken);
        return new CoverageSummary(
            snapshots.Select(c => new SchoolKindCoverage(c.SchoolCode, c.PersonKind, c.Persons, c.WithPersonalId, c.Verified, c.HealthCurrent,
                JsonSerializer.Deserialize<Dictionary<string, int>>(c.OpenItems) ?? [])).ToList(),
            snapshots.Count > 0 ? snapshots.Max(c => c.TakenAt) : null);
    }
}
