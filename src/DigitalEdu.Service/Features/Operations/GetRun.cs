using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Operations;

/// <summary>One source's pulls in a run: how many, how they ended, what they brought, and when the first started and the last ended.</summary>
public sealed record SourceProgress(
    string Source, int Pulls, int Queued, int Running, int Succeeded, int Failed, int Received, int Stored, int Quarantined,
    DateTimeOffset? FirstStartedAt, DateTimeOffset? LastFinishedAt);

/// <summary>One pull of a run (a dataset of one school, or a province-wide listing); <see cref="SchoolCode"/> null for the province.</summary>
public sealed record PullView(
    long Id, string Source, string Dataset, string? SchoolCode, string Status, int Pages, int Received, int Stored, int Quarantined,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// A run as its page shows it: the run's own row (the status the console trusts), its progress per source, the pulls asked for
/// (the ones that did not succeed first) and its failed batches with what the upstream said.
/// </summary>
public sealed record RunDetails(
    SyncRun Run, IReadOnlyList<SourceProgress> Sources, IReadOnlyList<PullView> Pulls, int PullsShown, int PullsPage, IReadOnlyList<BatchView> FailedBatches,
    IReadOnlyList<string> PausedNow, bool CanRetry)
{
    /// <summary>Whether the run is still going: its page refreshes itself until it is not.</summary>
    public bool Live => Run.Status is SyncRunStatus.Queued or SyncRunStatus.Running || (Run.ReconcileEnqueuedAt is not null && Run.ReconciledAt is null);
}

/// <summary>
/// Which pulls a run's page lists: by source, school and status (<see cref="Problems"/> for those that did not succeed), a page
/// of <see cref="Limit"/> at a time (a province's run has thousands).
/// </summary>
public sealed record RunQuery(Guid Id, string? Source = null, string? SchoolCode = null, string? PullStatus = null, int Page = 1, int Limit = 200)
{
    public const string Problems = "problems";
}

public static class GetRun
{
    public sealed class Handler(DigitalEduDbContext db, ListBatches.Handler batches)
    {
        public async Task<RunDetails?> HandleAsync(RunQuery query, CancellationToken cancellationToken)
        {
            var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
            if (run is null)
            {
                return null;
            }

            // Set-based over the run's pulls (thousands in a province): one grouped row per source.
            var sources = await db.Pulls.AsNoTracking().Where(p => p.RunId == run.Id)
                .GroupBy(p => p.Source)
                .Select(g => new SourceProgress(
                    g.Key, g.Count(),
                    g.Count(p => p.Status == PullStatus.Queued), g.Count(p => p.Status == PullStatus.Running),
                    g.Count(p => p.Status == PullStatus.Succeeded), g.Count(p => p.Status == PullStatus.Failed),
                    g.Sum(p => p.Received), g.Sum(p => p.Stored), g.Sum(p => p.Quarantined),
                    g.Min(p => p.StartedAt), g.Max(p => p.FinishedAt)))
                .ToListAsync(cancellationToken);
            sources = [.. sources.OrderBy(s => WireNames.Sources.ToList().IndexOf(s.Source))];

            var pulls = db.Pulls.AsNoTracking().Where(p => p.RunId == run.Id);
            if (query.Source is not null)
            {
                pulls = pulls.Where(p => p.Source == query.Source);
            }

            if (query.SchoolCode is not null)
            {
                pulls = pulls.Where(p => p.SchoolCode == query.SchoolCode);
            }

            if (query.PullStatus == RunQuery.Problems)
            {
                pulls = pulls.Where(p => p.Status != PullStatus.Succeeded);
            }
            else if (query.PullStatus is not null)
            {
                pulls = pulls.Where(p => p.Status == query.PullStatus);
            }

            var shown = await pulls.CountAsync(cancellationToken);
            var page = Math.Clamp(query.Page, 1, Math.Max(1, (shown + query.Limit - 1) / query.Limit));
            var listed = await pulls
                .OrderBy(p => p.Status == PullStatus.Failed ? 0 : p.Status == PullStatus.Running ? 1 : p.Status == PullStatus.Queued ? 2 : 3)
                .ThenBy(p => p.SchoolCode).ThenBy(p => p.Dataset).ThenBy(p => p.Id)
                .Skip((page - 1) * query.Limit)
                .Take(query.Limit)
                .Select(p => new PullView(p.Id, p.Source, p.Dataset, p.SchoolCode == Pull.WholeProvince ? null : p.SchoolCode, p.Status, p.Pages,
                    p.Received, p.Stored, p.Quarantined, p.StartedAt, p.FinishedAt))
                .ToListAsync(cancellationToken);

            var failed = await batches.HandleAsync(new BatchQuery(BatchStatus.Failed, run.Id, null, null, null, 200), cancellationToken);
            var paused = await db.SourcePauses.AsNoTracking().Select(p => p.Source).ToListAsync(cancellationToken);
            return new RunDetails(run, sources, listed, shown, page, failed.Items, paused, RetryRun.CanRetry(run, failed.Items.Count));
        }
    }
}
