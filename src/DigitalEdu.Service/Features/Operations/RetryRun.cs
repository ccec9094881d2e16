using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Operations;

public enum RetryRunOutcome
{
    /// <summary>A run that failed before any pull (the school list could not be read): planned again, as the same run.</summary>
    Replanned,

    /// <summary>A run whose pulls failed: its failed batches re-run.</summary>
    BatchesRequeued,
    NotFound,

    /// <summary>Neither: the run did not fail, or another retry took it first.</summary>
    NothingToRetry,
}

public sealed record RetryRunResult(RetryRunOutcome Outcome, int Batches = 0);

/// <summary>
/// Retries a run from its page or the API. A run that failed outright is planned again (same id, same page); a run that got as
/// far as its pulls has its failed batches re-run. The run's row says what happened; Hangfire's job states say nothing of it
/// (the plan job that found no school list ended normally, as it should).
/// </summary>
public static class RetryRun
{
    public static bool CanRetry(SyncRun run, int failedBatches) =>
        (run.Status == SyncRunStatus.Failed && run.PullsTotal == 0)
        || (run.Status is SyncRunStatus.Failed or SyncRunStatus.PartiallyFailed && failedBatches > 0);

    public sealed class Handler(DigitalEduDbContext db, BatchRetrier batches, IBackgroundJobClient jobs, AuditLog audit)
    {
        public async Task<RetryRunResult> HandleAsync(Guid runId, CancellationToken cancellationToken)
        {
            var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null)
            {
                return new RetryRunResult(RetryRunOutcome.NotFound);
            }

            if (run.Status == SyncRunStatus.Failed && run.PullsTotal == 0)
            {
                // Conditional, so of two retries at once one re-plans and the other finds the run queued.
                var reset = await db.SyncRuns
                    .Where(r => r.Id == runId && r.Status == SyncRunStatus.Failed && r.PullsTotal == 0)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(r => r.Status, SyncRunStatus.Queued)
                        .SetProperty(r => r.Error, (string?)null)
                        .SetProperty(r => r.StartedAt, (DateTimeOffset?)null)
                        .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null), cancellationToken);
                if (reset == 0)
                {
                    return new RetryRunResult(RetryRunOutcome.NothingToRetry);
                }

                jobs.Enqueue<PlanSyncRunJob>(job => job.RunAsync(runId, CancellationToken.None));
                await audit.WriteAsync(AuditAction.RetryRun, new AuditSubject(run.SchoolCode, Detail: $"run {runId}: planned again"), cancellationToken: cancellationToken);
                return new RetryRunResult(RetryRunOutcome.Replanned);
            }

            var failed = await db.Batches.AsNoTracking().Where(b => b.RunId == runId && b.Status == BatchStatus.Failed)
                .OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
            var requeued = 0;
            foreach (var id in failed)
            {
                if (await batches.RetryAsync(id, cancellationToken) == RetryBatchOutcome.Enqueued)
                {
                    requeued++;
                }
            }

            if (requeued == 0)
            {
                return new RetryRunResult(RetryRunOutcome.NothingToRetry);
            }

            await audit.WriteAsync(AuditAction.RetryRun, new AuditSubject(run.SchoolCode, Detail: $"run {runId}: {requeued} failed batches re-run"), cancellationToken: cancellationToken);
            return new RetryRunResult(RetryRunOutcome.BatchesRequeued, requeued);
        }
    }
}
