using System.Diagnostics;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Persistence;
using DigitalEdu.Sync.Persistence.Entities;
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
            var block = await ClaimQueuedAsync(connection, runId, after, finished, cancellationToken);
            finished = [];
            if (block.Count == 0 && after > 0)
            {
                block = await ClaimQueuedAsync(connection, runId, 0, [], cancellationToken);
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
                        await UnlockAsync(connection, claimed.Pull.Id);
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
            await UnlockAsync(connection, last);
        }

        // Whichever way a lane stops, it may have ended the run's last pull; the successor job of a hand-over may already have
        // looked and found that pull still running.
        if (!cancellationToken.IsCancellationRequested)
        {
            await progress.EnqueueReconcileIfCompleteAsync(connection, runId, cancellationToken);
        }
    }

    /// <summary>
    /// Claims the next queued pulls, locks them and opens the batch of each one's first page in one statement, so no other lane
    /// can see them running unlocked. A block holds up to <see cref="SyncOptions.PullsPerClaim"/> pulls while many are queued
    /// ahead, fewer as the queue runs out, so that the lanes share the last pulls rather than one lane working them in turn;
    /// a province-wide listing (many pages) is claimed on its own. <paramref name="unlock"/> are the pulls this lane finished
    /// last; their locks go in the same round trip. A pull still locked by a lane that has not let go of it yet is left to
    /// that lane or a later abandoned-pull search.
    /// </summary>
    private async Task<IReadOnlyList<ClaimedPull>> ClaimQueuedAsync(
        NpgsqlConnection connection, Guid runId, long after, IReadOnlyList<long> unlock, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (unlock.Count > 0)
        {
            var release = new NpgsqlBatchCommand($"SELECT pg_advisory_unlock({AdvisoryLock.Spaces.Pull}, {LockKey("id")}) FROM unnest($1) AS u(id)");
            release.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = unlock.ToArray() });
            batch.BatchCommands.Add(release);
        }

        var claim = new NpgsqlBatchCommand(
            $"""
            WITH ahead AS (
                SELECT count(*) AS queued FROM (SELECT 1 FROM pulls WHERE run_id = $1 AND status = 'queued' AND id > $2 LIMIT $4 * $5) q),
            next AS (
                SELECT id, school_code = '{Pull.WholeProvince}' AS whole_province
                  FROM pulls WHERE run_id = $1 AND status = 'queued' AND id > $2
                 ORDER BY id LIMIT (SELECT least($4, greatest(1, queued / $5)) FROM ahead) FOR UPDATE SKIP LOCKED),
            chosen AS (
                SELECT id FROM next
                 WHERE CASE WHEN (SELECT whole_province FROM next ORDER BY id LIMIT 1) THEN id = (SELECT min(id) FROM next)
                            ELSE NOT whole_province END),
            claimed AS (
                UPDATE pulls p SET status = 'running', started_at = COALESCE(p.started_at, $3)
                  FROM chosen WHERE p.id = chosen.id
                RETURNING p.id, p.run_id, p.dataset, p.source, p.school_code, p.cursor, p.exhausted, p.updated_since),
            locked AS (
                SELECT c.*, pg_try_advisory_lock({AdvisoryLock.Spaces.Pull}, {LockKey("c.id")}) AS locked FROM claimed c),
            first_page AS (
                INSERT INTO batches (run_id, pull_id, dataset, source, school_code, cursor_start, status, attempts, received, stored, quarantined, started_at)
                SELECT run_id, id, dataset, source, school_code, cursor, '{BatchStatus.Running}', 1, 0, 0, 0, $3
                  FROM locked WHERE locked AND NOT exhausted
                RETURNING id, pull_id)
            SELECT l.id, l.run_id, l.dataset, l.source, l.school_code, l.cursor, l.exhausted, l.updated_since,
                   r.reconciled_at IS NOT NULL, l.locked, f.id
              FROM locked l
              JOIN sync_runs r ON r.id = l.run_id
              LEFT JOIN first_page f ON f.pull_id = l.id
             ORDER BY l.id
            """);
        claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.PullsPerClaim });
        claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.PullJobs * options.Value.PullsPerJob });
        batch.BatchCommands.Add(claim);

        var claimed = new List<ClaimedPull>();
        var last = 0L;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (unlock.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            while (await ReadPullAsync(reader, cancellationToken) is ({ } pull, var locked))
            {
                last = pull.Pull.Id;
                if (locked)
                {
                    claimed.Add(pull);
                }
            }
        }

        // Every pull claimed was still locked elsewhere: look past them rather than end the lane early.
        return claimed.Count == 0 && last > 0 ? await ClaimQueuedAsync(connection, runId, last, [], cancellationToken) : claimed;
    }

    /// <summary>
    /// A pull left running by a worker that died: its lock is free. Resumes it from its checkpoint and records the batch that
    /// was in flight as interrupted.
    /// </summary>
    private async Task<ClaimedPull?> ClaimAbandonedAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        // Running pulls are few (one per busy lane); each is tried on its own so no lock is ever taken on a row that is then
        // filtered out.
        var running = new List<long>();
        await using (var scan = new NpgsqlCommand("SELECT id FROM pulls WHERE run_id = @run AND status = 'running' ORDER BY id", connection))
        {
            scan.Parameters.AddWithValue("run", runId);
            await using var rows = await scan.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                running.Add(rows.GetInt64(0));
            }
        }

        foreach (var id in running)
        {
            if (await TryResumeAsync(connection, id, cancellationToken) is { } pull)
            {
                return pull;
            }
        }

        return null;
    }

    private async Task<ClaimedPull?> TryResumeAsync(NpgsqlConnection connection, long pullId, CancellationToken cancellationToken)
    {
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLock.Spaces.Pull}, {LockKey("@id")})", connection))
        {
            tryLock.Parameters.AddWithValue("id", pullId);
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        // Locked now; it may have ended between the scan and the lock (it was finishing on another lane).
        await using var resume = new NpgsqlCommand(
            $"""
            WITH interrupted AS (
                UPDATE batches SET status = 'interrupted', finished_at = @now
                 WHERE pull_id = @id AND status = 'running' AND EXISTS (SELECT 1 FROM pulls WHERE id = @id AND status = 'running'))
            SELECT {PullColumns}, (SELECT reconciled_at IS NOT NULL FROM sync_runs WHERE id = run_id), true, NULL::bigint
              FROM pulls WHERE id = @id AND status = 'running'
            """, connection);
        resume.Parameters.AddWithValue("id", pullId);
        resume.Parameters.AddWithValue("now", clock.GetUtcNow());
        ClaimedPull? pull;
        await using (var reader = await resume.ExecuteReaderAsync(cancellationToken))
        {
            (pull, _) = await ReadPullAsync(reader, cancellationToken);
        }

        if (pull is null)
        {
            await UnlockAsync(connection, pullId);
            return null;
        }

        LogResumed(logger, pull.Pull.RunId, pull.Pull.Id, pull.Pull.Dataset);
        return pull;
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
                    await EndExhaustedAsync(connection, claimed.Pull, cancellationToken);
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
                    var batch = working.OpenedBatchId is { } opened ? NewBatch(pull, opened) : await StartBatchAsync(connection, pull, cancellationToken);
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
        var (page, error) = await ReadPageWithAttemptsAsync(connection, dataset, pull, batch, cancellationToken);
        if (page is not null)
        {
            return page;
        }

        await FailBatchAsync(connection, batch, error!, cancellationToken);
        telemetry.BatchFailed(dataset, clock.GetElapsedTime(started));
        batchActivity?.SetStatus(ActivityStatusCode.Error, $"{error!.Upstream} status {error.StatusCode?.ToString() ?? "none"}");
        await progress.FailPullAsync(connection, pull.Id, cancellationToken);
        LogPullFinished(logger, pull.RunId, pull.Id, pull.Dataset, PullStatus.Failed);
        return null;
    }

    private async Task EndExhaustedAsync(NpgsqlConnection connection, Pull pull, CancellationToken cancellationToken)
    {
        await using var end = new NpgsqlCommand("UPDATE pulls SET status = 'succeeded', finished_at = @now WHERE id = @id", connection);
        end.Parameters.AddWithValue("now", clock.GetUtcNow());
        end.Parameters.AddWithValue("id", pull.Id);
        await end.ExecuteNonQueryAsync(cancellationToken);
        LogPullFinished(logger, pull.RunId, pull.Id, pull.Dataset, PullStatus.Succeeded);
    }

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
                    await using var count = new NpgsqlCommand("UPDATE batches SET attempts = @attempt WHERE id = @id", connection);
                    count.Parameters.AddWithValue("attempt", attempt);
                    count.Parameters.AddWithValue("id", batch.Id);
                    await count.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>
    /// The batch of a pull's next page (from its checkpoint) as it starts: running, first attempt. The claim opens the first
    /// page's (with its id) in SQL.
    /// </summary>
    private Batch NewBatch(Pull pull, long id = 0) => new()
    {
        Id = id,
        RunId = pull.RunId,
        PullId = pull.Id,
        Dataset = pull.Dataset,
        Source = pull.Source,
        SchoolCode = pull.SchoolCode,
        CursorStart = pull.Cursor,
        Status = BatchStatus.Running,
        Attempts = 1,
        StartedAt = clock.GetUtcNow(),
    };

    private async Task<Batch> StartBatchAsync(NpgsqlConnection connection, Pull pull, CancellationToken cancellationToken)
    {
        var batch = NewBatch(pull);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO batches (run_id, pull_id, dataset, source, school_code, cursor_start, status, attempts, received, stored, quarantined, started_at)
            VALUES (@run, @pull, @dataset, @source, @school, @cursor, @status, @attempts, 0, 0, 0, @started)
            RETURNING id
            """, connection);
        command.Parameters.AddWithValue("run", batch.RunId);
        command.Parameters.AddWithValue("pull", batch.PullId);
        command.Parameters.AddWithValue("dataset", batch.Dataset);
        command.Parameters.AddWithValue("source", batch.Source);
        command.Parameters.AddWithValue("school", batch.SchoolCode);
        command.Parameters.Add(new NpgsqlParameter<string?>("cursor", NpgsqlDbType.Text) { TypedValue = batch.CursorStart });
        command.Parameters.AddWithValue("status", batch.Status);
        command.Parameters.AddWithValue("attempts", batch.Attempts);
        command.Parameters.AddWithValue("started", batch.StartedAt);
        batch.Id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return batch;
    }

    private async Task FailBatchAsync(NpgsqlConnection connection, Batch batch, UpstreamException error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE batches SET status = 'failed', error = @error, upstream_status = @upstreamStatus, finished_at = @now WHERE id = @id",
            connection);
        command.Parameters.AddWithValue("error", error.Message.Length > 2000 ? error.Message[..2000] : error.Message);
        command.Parameters.Add(new NpgsqlParameter<int?>("upstreamStatus", NpgsqlDbType.Integer) { TypedValue = error.StatusCode });
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("id", batch.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>At the end of its slice a job stops claiming; the first lane to notice enqueues its successor if work is left.</summary>
    private async Task HandOverAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref handedOver, 1) == 1)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pulls WHERE run_id = @run AND status IN ('queued', 'running'))", connection);
        command.Parameters.AddWithValue("run", runId);
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            jobs.Enqueue<DrainPullsJob>(job => job.RunAsync(runId, CancellationToken.None));
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, long pullId)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        // The lane's connection lives on, so the session lock must be let go explicitly.
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLock.Spaces.Pull}, {LockKey("@id")})", connection);
        command.Parameters.AddWithValue("id", pullId);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private const string PullColumns = "id, run_id, dataset, source, school_code, cursor, exhausted, updated_since";

    // The two-key advisory lock takes 32-bit keys; pull ids stay far below that, the modulo only keeps the cast safe.
    private static string LockKey(string pullId) => $"({pullId} % 2147483647)::int";

    /// <summary>
    /// A pull a lane took, whether its run was reconciled already (the pull is a re-run batch's), and the batch its claim
    /// opened for its first page (none for a resumed pull).
    /// </summary>
    private sealed record ClaimedPull(Pull Pull, bool RunReconciled, long? FirstBatchId);

    private static async Task<(ClaimedPull? Pull, bool Locked)> ReadPullAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, false);
        }

        var pull = new Pull
        {
            Id = reader.GetInt64(0),
            RunId = reader.GetGuid(1),
            Dataset = reader.GetString(2),
            Source = reader.GetString(3),
            SchoolCode = reader.GetString(4),
            Status = PullStatus.Running,
            Cursor = reader.IsDBNull(5) ? null : reader.GetString(5),
            Exhausted = reader.GetBoolean(6),
            UpdatedSince = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        };
        return (new ClaimedPull(pull, reader.GetBoolean(8), reader.IsDBNull(10) ? null : reader.GetInt64(10)), reader.GetBoolean(9));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} pull {PullId} ({Dataset}) was left running by a worker that stopped; resuming from its checkpoint")]
    private static partial void LogResumed(ILogger logger, Guid runId, long pullId, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} batch {BatchId}: attempt {Attempt} failed with upstream status {StatusCode}")]
    private static partial void LogPageFailed(ILogger logger, Guid runId, long batchId, int attempt, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} pull {PullId} ({Dataset}) {Status}")]
    private static partial void LogPullFinished(ILogger logger, Guid runId, long pullId, string dataset, string status);
}
