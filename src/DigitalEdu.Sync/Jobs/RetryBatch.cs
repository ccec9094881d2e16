using DigitalEdu.Sync.Persistence;
using DigitalEdu.Sync.Persistence.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

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
public sealed class BatchRetrier(DigitalEduDbContext db, IBackgroundJobClient jobs)
{
    public async Task<RetryBatchOutcome> RetryAsync(long batchId, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return RetryBatchOutcome.NotFound;
        }

        if (batch.Status != BatchStatus.Failed)
        {
            return RetryBatchOutcome.NotFailed;
        }

        var pull = await db.Pulls.SingleAsync(p => p.Id == batch.PullId, cancellationToken);
        batch.Status = BatchStatus.Retried;
        pull.Status = PullStatus.Queued;
        pull.Cursor = batch.CursorStart;
        pull.Exhausted = false;
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<PullJob>(job => job.RunAsync(pull.Id, CancellationToken.None));
        return RetryBatchOutcome.Enqueued;
    }

    /// <summary>Re-runs every failed batch; returns how many were enqueued.</summary>
    public async Task<int> RetryAllFailedAsync(CancellationToken cancellationToken)
    {
        var failed = await db.Batches.Where(b => b.Status == BatchStatus.Failed).Select(b => b.Id).ToListAsync(cancellationToken);
        var enqueued = 0;
        foreach (var id in failed)
        {
            if (await RetryAsync(id, cancellationToken) == RetryBatchOutcome.Enqueued)
            {
                enqueued++;
            }
        }

        return enqueued;
    }
}
