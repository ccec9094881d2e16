using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Staging;
using Hangfire;
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
public sealed class BatchRetrier(PullQueue queue, NpgsqlDataSource dataSource, IBackgroundJobClient jobs, IOptions<SyncOptions> options)
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
        var requeued = new List<Guid>();
        foreach (var id in await queue.FailedBatchesAsync(cancellationToken))
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

    /// <summary>
    /// One retry of a batch at a time: its row stays locked while the run's staging tables are made and its pull is put back,
    /// in one transaction. Of retries sent at once, one requeues the batch and the others, let through after it, find it
    /// retried; and no lane can claim the pull before its staging tables exist.
    /// </summary>
    private async Task<(RetryBatchOutcome Outcome, Guid RunId)> RequeueAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await PullQueue.LockBatchAsync(connection, batchId, cancellationToken) is not { } batch)
        {
            return (RetryBatchOutcome.NotFound, Guid.Empty);
        }

        if (batch.Status != BatchStatus.Failed)
        {
            return (RetryBatchOutcome.NotFailed, batch.RunId);
        }

        // The run's staging tables are gone once it applied them; the re-run pages are staged anew and applied by the school's
        // reconcile (a no-op when they are there).
        await StagingTables.CreateAsync(connection, batch.RunId, cancellationToken);
        var requeued = await PullQueue.RequeueFailedBatchAsync(connection, batchId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (requeued ? RetryBatchOutcome.Enqueued : RetryBatchOutcome.NotFailed, batch.RunId);
    }
}
