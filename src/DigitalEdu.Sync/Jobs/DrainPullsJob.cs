using System.Diagnostics;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Sync.Telemetry;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// Works a run's pulls: <see cref="SyncOptions.PullsPerJob"/> lanes, each claiming a block of queued pulls at a time and walking
/// them page by page from their checkpoints, one request at a time. Each page is a batch; a round's pages (one of each pull of
/// the block) commit together with their checkpoints, in one transaction, or in several when they hold more than
/// <see cref="SyncOptions.RecordsPerCommit"/> records (<see cref="PageWriter.CommitPagesAsync"/>).
/// <para>
/// Pulls are claimed from the pulls table, not handed out as one Hangfire job each: a province has thousands of pulls, most of
/// one page, and a Hangfire job per pull cost more than the page itself; for the same reason a lane claims and commits them in
/// blocks. A lane holds a PostgreSQL advisory lock on each pull it works; when its worker dies the session ends, the locks go,
/// and any lane of any worker resumes each pull from its checkpoint. After <see cref="SyncOptions.PullJobSliceSeconds"/> a job
/// stops claiming and hands over to a fresh job, so a worker process started mid-run gets its share.
/// </para>
/// </summary>
public sealed partial class DrainPullsJob(
    NpgsqlDataSource dataSource,
    PullQueue queue,
    IUpstreamPageReader reader,
    PageWriter writer,
    RunProgress progress,
    IBackgroundJobClient jobs,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    SyncTelemetry telemetry,
    ILogger<DrainPullsJob> logger)
{
    private int handedOver;

    /// <summary>The sources paused now, read again every few seconds: a source paused while the run is going stops being read.</summary>
    private volatile PausedNow pausedNow = new(new HashSet<string>(), DateTimeOffset.MinValue);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var sliceEnds = clock.GetUtcNow().AddSeconds(options.Value.PullJobSliceSeconds);
        var lanes = Enumerable.Range(0, options.Value.PullsPerJob).Select(_ => RunLaneAsync(runId, sliceEnds, cancellationToken));
        await Task.WhenAll(lanes);
    }

    private async Task RunLaneAsync(Guid runId, DateTimeOffset sliceEnds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Each lane claims in id order from where it last claimed: a claimed pull leaves a dead entry behind in the queue's index
        // until vacuum, and a claim that always started from the run's first pull went past all of them (quadratic in the pulls).
        var after = 0L;

        // The locks on the pulls a lane just finished are let go with its next claim, one round trip instead of more; a pull that
        // has ended is never resumed, so holding its lock a moment longer keeps nobody waiting.
        IReadOnlyList<long> finished = [];
        while (!cancellationToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() > sliceEnds)
            {
                await HandOverAsync(connection, runId, cancellationToken);
                break;
            }

            // Past this lane's last claim first; then from the start, for a pull queued again behind it (a re-run batch).
            var block = await queue.ClaimAsync(connection, runId, after, finished, cancellationToken);
            finished = [];
            if (block.Count == 0 && after > 0)
            {
                block = await queue.ClaimAsync(connection, runId, 0, [], cancellationToken);
            }

            if (block.Count == 0 && await ClaimAbandonedAsync(connection, runId, cancellationToken) is { } abandoned)
            {
                block = [abandoned];
            }

            if (block.Count == 0)
            {
                break;
            }

            after = block.Max(p => p.Pull.Id);
            var worked = false;
            try
            {
                await WorkAsync(connection, block, cancellationToken);
                worked = true;
            }
            finally
            {
                if (!worked)
                {
                    foreach (var claimed in block)
                    {
                        await PullQueue.UnlockAsync(connection, claimed.Pull.Id);
                    }
                }
            }

            finished = block.Select(p => p.Pull.Id).ToList();
            foreach (var claimed in block.Where(p => p.RunReconciled))
            {
                progress.PullOfReconciledRunEnded(claimed.Pull);
            }
        }

        foreach (var last in finished)
        {
            await PullQueue.UnlockAsync(connection, last);
        }

        // Whichever way a lane stops, it may have ended the run's last pull; the successor job of a hand-over may already have
        // looked and found that pull still running.
        if (!cancellationToken.IsCancellationRequested)
        {
            await progress.EnqueueReconcileIfCompleteAsync(connection, runId, cancellationToken);
        }
    }

    /// <summary>A pull left running by a worker that died (its lock is free): resumed from its checkpoint.</summary>
    private async Task<ClaimedPull?> ClaimAbandonedAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        // Running pulls are few (one per busy lane); each is tried on its own so no lock is ever taken on a row that is then
        // filtered out.
        foreach (var id in await queue.RunningPullsAsync(connection, runId, cancellationToken))
        {
            if (await queue.TryResumeAsync(connection, id, cancellationToken) is { } pull)
            {
                LogResumed(logger, pull.Pull.RunId, pull.Pull.Id, pull.Pull.Dataset);
                return pull;
            }
        }

        return null;
    }

    /// <summary>
    /// Works a claimed block round by round: one page of each of its pulls still going is read, one after another, and they are
    /// committed together (<see cref="PageWriter.CommitPagesAsync"/>), or a part at a time once the pages held reach
    /// <see cref="SyncOptions.RecordsPerCommit"/> records; a pull whose page had a next cursor takes part in the next round.
    /// Most pulls are one page, so most blocks are one round. A pull's span lasts from its claim to its
    /// end, with a batch span per page under it; each commit is a span of its own in the run's trace.
    /// </summary>
    private async Task WorkAsync(NpgsqlConnection connection, IReadOnlyList<ClaimedPull> block, CancellationToken cancellationToken)
    {
        var outer = Activity.Current;
        var active = new List<Working>();
        try
        {
            foreach (var claimed in block)
            {
                var span = SyncTelemetry.StartPull(claimed.Pull);
                Activity.Current = outer;
                if (claimed.Pull.Exhausted)
                {
                    // Claimed with its last page already committed but not ended (a pull checkpointed before pulls ended with their pages).
                    await queue.EndExhaustedAsync(connection, claimed.Pull.Id, cancellationToken);
                    LogPullFinished(logger, claimed.Pull.RunId, claimed.Pull.Id, claimed.Pull.Dataset, PullStatus.Succeeded);
                    span?.Dispose();
                    continue;
                }

                active.Add(new Working(claimed.Pull, span, claimed.FirstBatchId));
            }

            while (active.Count > 0)
            {
                var round = new List<ReadPage>();
                var held = 0;
                foreach (var working in active)
                {
                    var pull = working.Pull;
                    Activity.Current = working.Span ?? outer;
                    using var scope = SyncTelemetry.BeginPullScope(logger, pull);
                    var batch = await queue.StartBatchAsync(connection, pull, working.OpenedBatchId ?? 0, cancellationToken);
                    working.OpenedBatchId = null;
                    var started = clock.GetTimestamp();
                    if (await ReadPageAsync(connection, pull, working.Dataset, batch, cancellationToken) is { } page)
                    {
                        round.Add(new ReadPage(working, new PageCommit(pull.RunId, pull.Id, batch.Id, working.Dataset, pull.SchoolCode, page), started));
                        held += page.ReceivedCount;
                    }
                    else
                    {
                        working.End(failed: true);
                    }

                    Activity.Current = outer;
                    if (held >= options.Value.RecordsPerCommit)
                    {
                        await CommitAsync(connection, round, cancellationToken);
                        round.Clear();
                        held = 0;
                    }
                }

                await CommitAsync(connection, round, cancellationToken);
                active.RemoveAll(w => w.Ended);
            }
        }
        finally
        {
            foreach (var working in active)
            {
                working.Span?.Dispose();
            }

            Activity.Current = outer;
        }
    }

    /// <summary>
    /// Commits pages read in a round (<see cref="PageWriter.CommitPagesAsync"/>) under one span; a pull whose page had a next
    /// cursor goes on from it in the next round, the others end.
    /// </summary>
    private async Task CommitAsync(NpgsqlConnection connection, List<ReadPage> pages, CancellationToken cancellationToken)
    {
        if (pages.Count == 0)
        {
            return;
        }

        using (SyncTelemetry.StartCommit(pages[0].Commit.RunId, pages.Count, pages.Sum(p => p.Commit.Page.ReceivedCount)))
        {
            await writer.CommitPagesAsync(connection, pages.Select(r => r.Commit).ToList(), cancellationToken);
        }

        foreach (var (working, commit, started) in pages)
        {
            telemetry.PageCommitted(commit.Dataset, commit.Page, clock.GetElapsedTime(started));
            if (commit.Page.NextCursor is { } next)
            {
                working.Pull.Cursor = next;
            }
            else
            {
                LogPullFinished(logger, working.Pull.RunId, working.Pull.Id, working.Pull.Dataset, PullStatus.Succeeded);
                working.End(failed: false);
            }
        }
    }

    /// <summary>A page read and not yet committed: the pull it belongs to, what it commits, and when its reading started.</summary>
    private sealed record ReadPage(Working Working, PageCommit Commit, long Started);

    /// <summary>A pull of the block being worked: its span, and the batch its claim opened for its first page (until used).</summary>
    private sealed class Working(Pull pull, Activity? span, long? openedBatchId)
    {
        public Pull Pull { get; } = pull;

        public Dataset Dataset { get; } = Enum.Parse<Dataset>(pull.Dataset);

        public Activity? Span { get; } = span;

        public long? OpenedBatchId { get; set; } = openedBatchId;

        public bool Ended { get; private set; }

        public void End(bool failed)
        {
            Ended = true;
            if (failed)
            {
                Span?.SetStatus(ActivityStatusCode.Error);
            }

            Span?.Dispose();
        }
    }

    /// <summary>Reads a page of a pull; when its attempts are spent, records the batch and the pull as failed and returns null.</summary>
    private async Task<PageResult?> ReadPageAsync(
        NpgsqlConnection connection, Pull pull, Dataset dataset, Batch batch, CancellationToken cancellationToken)
    {
        using var batchActivity = SyncTelemetry.StartBatch(batch);
        using var batchScope = SyncTelemetry.BeginBatchScope(logger, batch.Id);
        var started = clock.GetTimestamp();
        var (page, error) = await IsPausedAsync(connection, pull.Source, cancellationToken)
            ? (null, new UpstreamException(dataset.Source(), null, $"{BatchErrors.SourcePaused}: {pull.Source} {pull.Dataset}"))
            : await ReadPageWithAttemptsAsync(connection, dataset, pull, batch, cancellationToken);
        if (page is not null)
        {
            return page;
        }

        await queue.FailBatchAsync(connection, batch.Id, error!, cancellationToken);
        telemetry.BatchFailed(dataset, clock.GetElapsedTime(started));
        batchActivity?.SetStatus(ActivityStatusCode.Error, $"{error!.Upstream} status {error.StatusCode?.ToString() ?? "none"}");
        await queue.FailPullAsync(connection, pull.Id, cancellationToken);
        LogPullFinished(logger, pull.RunId, pull.Id, pull.Dataset, PullStatus.Failed);
        return null;
    }

    /// <summary>
    /// Whether <paramref name="source"/> is paused now. A batch of a source paused mid-run fails without asking the upstream: its
    /// school's items are held as for any failed pull, and once the source is resumed the run's failed batches are retried.
    /// </summary>
    private async Task<bool> IsPausedAsync(NpgsqlConnection connection, string source, CancellationToken cancellationToken)
    {
        var known = pausedNow;
        if (clock.GetUtcNow() - known.ReadAt > TimeSpan.FromSeconds(5))
        {
            var sources = new HashSet<string>(StringComparer.Ordinal);
            await using var command = new NpgsqlCommand("SELECT source FROM source_pauses", connection);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                sources.Add(rows.GetString(0));
            }

            known = pausedNow = new PausedNow(sources, clock.GetUtcNow());
        }

        return known.Sources.Contains(source);
    }

    private sealed record PausedNow(IReadOnlySet<string> Sources, DateTimeOffset ReadAt);

    private async Task<(PageResult? Page, UpstreamException? Error)> ReadPageWithAttemptsAsync(
        NpgsqlConnection connection, Dataset dataset, Pull pull, Batch batch, CancellationToken cancellationToken)
    {
        var school = pull.SchoolCode == Pull.WholeProvince ? null : pull.SchoolCode;
        var request = new PageRequest(options.Value.ProvinceCode, school, batch.CursorStart, pull.UpdatedSince, options.Value.PageSize);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await queue.CountAttemptAsync(connection, batch.Id, attempt, cancellationToken);
                }

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

    /// <summary>At the end of its slice a job stops claiming; the first lane to notice enqueues its successor if work is left.</summary>
    private async Task HandOverAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref handedOver, 1) == 1)
        {
            return;
        }

        if (await queue.HasWorkLeftAsync(connection, runId, cancellationToken))
        {
            jobs.Enqueue<DrainPullsJob>(job => job.RunAsync(runId, CancellationToken.None));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} pull {PullId} ({Dataset}) was left running by a worker that stopped; resuming from its checkpoint")]
    private static partial void LogResumed(ILogger logger, Guid runId, long pullId, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} batch {BatchId}: attempt {Attempt} failed with upstream status {StatusCode}")]
    private static partial void LogPageFailed(ILogger logger, Guid runId, long batchId, int attempt, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} pull {PullId} ({Dataset}) {Status}")]
    private static partial void LogPullFinished(ILogger logger, Guid runId, long pullId, string dataset, string status);
}
