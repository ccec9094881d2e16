using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

public enum RetryBatchOutcome
{
    Enqueued,
    NotFound,
    NotFailed,
}

/// <summary>
/// Re-runs a failed batch: its pull goes on from the cursor the batch started from (the checkpoint never moved past it),
/// and when the pull ends the school is reconciled again.
/// </summary>
public sealed class BatchRetrier(DigitalEduDbContext db, NpgsqlDataSource dataSource, IBackgroundJobClient jobs, IOptions<SyncOptions> options)
{
    public async Task<RetryBatchOutcome> RetryAsync(long batchId, CancellationToken cancellationToken)
    {
        var (outcome, runId) = await RequeueAsync(batchId, cancellationToken);
        if (outcome == RetryBatchOutcome.Enqueued)
        {
            jobs.Enqueue<DrainPullsJob>(job => job.RunAsync(runId, CancellationToken.None));
        }

        return outcome;
    }

    /// <summary>Re-runs every failed batch; returns how many were enqueued.</summary>
    public async Task<int> RetryAllFailedAsync(CancellationToken cancellationToken)
    {
        var failed = await db.Batches.Where(b => b.Status == BatchStatus.Failed).Select(b => b.Id).ToListAsync(cancellationToken);
        var requeued = new List<Guid>();
        foreach (var id in failed)
        {
            var (outcome, runId) = await RequeueAsync(id, cancellationToken);
            if (outcome == RetryBatchOutcome.Enqueued)
            {
                requeued.Add(runId);
            }
        }

        foreach (var run in requeued.GroupBy(r => r))
        {
            for (var i = 0; i < Math.Min(run.Count(), options.Value.PullJobs); i++)
            {
                jobs.Enqueue<DrainPullsJob>(job => job.RunAsync(run.Key, CancellationToken.None));
            }
        }

        return requeued.Count;
    }

    private async Task<(RetryBatchOutcome Outcome, Guid RunId)> RequeueAsync(long batchId, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return (RetryBatchOutcome.NotFound, Guid.Empty);
        }

        if (batch.Status != BatchStatus.Failed)
        {
            return (RetryBatchOutcome.NotFailed, batch.RunId);
        }

        // The run's staging tables are gone once it applied them; the re-run pages are staged anew and applied by the school's reconcile.
        await StagingTables.CreateAsync(dataSource, batch.RunId, cancellationToken);
        var pull = await db.Pulls.SingleAsync(p => p.Id == batch.PullId, cancellationToken);
        batch.Status = BatchStatus.Retried;
        pull.Status = PullStatus.Queued;
        pull.Cursor = batch.CursorStart;
        pull.Exhausted = false;
        await db.SaveChangesAsync(cancellationToken);
        return (RetryBatchOutcome.Enqueued, batch.RunId);
    }
}
