using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Sync.Persistence;
using DigitalEdu.Sync.Persistence.Entities;
using DigitalEdu.Sync.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// Walks one dataset of one school page by page from the pull's checkpoint. Each page is a batch; its rows and the
/// checkpoint commit together (<see cref="PageWriter"/>). A page that still fails after its attempts leaves the batch
/// <c>failed</c> with the upstream's error and ends the pull; an operator re-runs it from the batch's cursor.
/// </summary>
public sealed partial class PullJob(
    DigitalEduDbContext db,
    NpgsqlDataSource dataSource,
    IUpstreamPageReader reader,
    PageWriter writer,
    RunProgress progress,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    SyncTelemetry telemetry,
    ILogger<PullJob> logger)
{
    // Hangfire must not re-run a pull that ended: failure is recorded on the batch, and retry is the operator's call.
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(long pullId, CancellationToken cancellationToken)
    {
        await using var pullLock = await AdvisoryLock.TryAcquireAsync(dataSource, AdvisoryLock.Spaces.Pull, pullId, cancellationToken);
        if (pullLock is null)
        {
            LogSkipped(logger, pullId);
            return;
        }

        var pull = await db.Pulls.AsNoTracking().SingleAsync(p => p.Id == pullId, cancellationToken);
        using var activity = SyncTelemetry.StartPull(pull);
        using var scope = SyncTelemetry.BeginPullScope(logger, pull);
        if (pull.Status is PullStatus.Succeeded or PullStatus.Failed)
        {
            // Re-delivered after the pull ended (e.g. the worker died between the two): only the run's bookkeeping may be left.
            await progress.EnqueueReconcileIfCompleteAsync(pull.RunId, cancellationToken);
            return;
        }

        await MarkRunningAsync(pull, cancellationToken);
        var dataset = Enum.Parse<Dataset>(pull.Dataset);
        var failed = false;
        var cursor = pull.Cursor;
        var exhausted = pull.Exhausted;
        while (!exhausted)
        {
            var batch = await StartBatchAsync(pull, cursor, cancellationToken);
            using var batchActivity = SyncTelemetry.StartBatch(batch);
            using var batchScope = SyncTelemetry.BeginBatchScope(logger, batch.Id);
            var started = clock.GetTimestamp();
            var (page, error) = await ReadPageWithAttemptsAsync(dataset, pull, cursor, batch, cancellationToken);
            if (page is null)
            {
                await FailBatchAsync(batch, error!, cancellationToken);
                telemetry.BatchFailed(dataset, clock.GetElapsedTime(started));
                batchActivity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{error!.Upstream} status {error.StatusCode?.ToString() ?? "none"}");
                failed = true;
                break;
            }

            await writer.CommitPageAsync(new PageCommit(pull.RunId, pull.Id, batch.Id, dataset, pull.SchoolCode, page), cancellationToken);
            telemetry.PageCommitted(dataset, page, clock.GetElapsedTime(started));
            cursor = page.NextCursor;
            exhausted = page.NextCursor is null;
        }

        await progress.FinishPullAsync(pull.Id, failed, cancellationToken);
        LogPullFinished(logger, pull.RunId, pull.Id, pull.Dataset, failed ? PullStatus.Failed : PullStatus.Succeeded);
    }

    private async Task<(PageResult? Page, UpstreamException? Error)> ReadPageWithAttemptsAsync(
        Dataset dataset, Pull pull, string? cursor, Batch batch, CancellationToken cancellationToken)
    {
        var request = new PageRequest(options.Value.ProvinceCode, pull.SchoolCode, cursor, pull.UpdatedSince, options.Value.PageSize);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Batches.Where(b => b.Id == batch.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Attempts, attempt), cancellationToken);
                return (await reader.ReadPageAsync(dataset, request, cancellationToken), null);
            }
            catch (UpstreamException ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPageFailed(logger, pull.RunId, batch.Id, attempt, ex.StatusCode ?? 0);
                if (attempt >= options.Value.BatchAttempts)
                {
                    return (null, ex);
                }

                // The HTTP pipeline already retried with backoff; this is the slower, page-level second chance.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt * attempt), clock, cancellationToken);
            }
        }
    }

    private async Task MarkRunningAsync(Pull pull, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Pulls.Where(p => p.Id == pull.Id).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.Status, PullStatus.Running).SetProperty(p => p.StartedAt, p => p.StartedAt ?? now),
            cancellationToken);

        // Batches left running by a worker that died: the checkpoint says where to go on, these say what was interrupted.
        await db.Batches.Where(b => b.PullId == pull.Id && b.Status == BatchStatus.Running).ExecuteUpdateAsync(
            s => s.SetProperty(b => b.Status, BatchStatus.Interrupted).SetProperty(b => b.FinishedAt, now),
            cancellationToken);
    }

    private async Task<Batch> StartBatchAsync(Pull pull, string? cursor, CancellationToken cancellationToken)
    {
        var batch = new Batch
        {
            RunId = pull.RunId,
            PullId = pull.Id,
            Dataset = pull.Dataset,
            Source = pull.Source,
            SchoolCode = pull.SchoolCode,
            CursorStart = cursor,
            Status = BatchStatus.Running,
            StartedAt = clock.GetUtcNow(),
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(batch).State = EntityState.Detached;
        return batch;
    }

    private async Task FailBatchAsync(Batch batch, UpstreamException error, CancellationToken cancellationToken)
    {
        var message = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
        var now = clock.GetUtcNow();
        await db.Batches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(
            s => s.SetProperty(b => b.Status, BatchStatus.Failed)
                .SetProperty(b => b.Error, message)
                .SetProperty(b => b.UpstreamStatus, error.StatusCode)
                .SetProperty(b => b.FinishedAt, now),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pull {PullId} is being processed by another worker; this delivery steps aside")]
    private static partial void LogSkipped(ILogger logger, long pullId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} batch {BatchId}: attempt {Attempt} failed with upstream status {StatusCode}")]
    private static partial void LogPageFailed(ILogger logger, Guid runId, long batchId, int attempt, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} pull {PullId} ({Dataset}) {Status}")]
    private static partial void LogPullFinished(ILogger logger, Guid runId, long pullId, string dataset, string status);
}
