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

    private async Task<(RetryBatchOutcome Outcome, Guid RunId)> RequeueAsync(long batchId, CancellationToken cancellationToken)
    {
        if (await queue.RunOfBatchAsync(batchId, cancellationToken) is not { } runId)
        {
            return (RetryBatchOutcome.NotFound, Guid.Empty);
        }

        // The run's staging tables are gone once it applied them; the re-run pages are staged anew and applied by the school's
        // reconcile. Made before the pull can be claimed (a no-op when they are there).
        await StagingTables.CreateAsync(dataSource, runId, cancellationToken);

        // Requeued only if the batch still failed: of two retries at once, one requeues and the other finds it retried.
        return (await queue.RequeueFailedBatchAsync(batchId, cancellationToken) ? RetryBatchOutcome.Enqueued : RetryBatchOutcome.NotFailed, runId);
    }
}
