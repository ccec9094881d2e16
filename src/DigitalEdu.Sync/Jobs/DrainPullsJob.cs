using DigitalEdu.Connectors.Abstractions;
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
/// Works a run's pulls: <see cref="SyncOptions.PullsPerJob"/> lanes, each claiming one queued pull at a time and walking it page
/// by page from its checkpoint. Each page is a batch; its rows and the checkpoint commit together (<see cref="PageWriter"/>).
/// <para>
/// Pulls are claimed from the pulls table, not handed out as one Hangfire job each: a province has thousands of pulls, most of
/// one page, and a Hangfire job per pull cost more than the page itself. A lane holds a PostgreSQL advisory lock on the pull
/// it works; when its worker dies the session ends, the lock goes, and any lane of any worker resumes the pull from its
/// checkpoint. After <see cref="SyncOptions.PullJobSliceSeconds"/> a job stops claiming and hands over to a fresh job, so a
/// worker process started mid-run gets its share.
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

        // The lock on the pull a lane just finished is let go with its next claim, one round trip instead of two; a pull that
        // has ended is never resumed, so holding its lock a moment longer keeps nobody waiting.
        long? finished = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() > sliceEnds)
            {
                await HandOverAsync(connection, runId, cancellationToken);
                break;
            }

            // Past this lane's last claim first; then from the start, for a pull queued again behind it (a re-run batch).
            var pull = await ClaimQueuedAsync(connection, runId, after, finished, cancellationToken);
            finished = null;
            pull ??= (after > 0 ? await ClaimQueuedAsync(connection, runId, 0, null, cancellationToken) : null)
                     ?? await ClaimAbandonedAsync(connection, runId, cancellationToken);
            if (pull is null)
            {
                break;
            }

            after = pull.Pull.Id;
            var worked = false;
            try
            {
                await WorkAsync(connection, pull, cancellationToken);
                worked = true;
            }
            finally
            {
                if (!worked)
                {
                    await UnlockAsync(connection, pull.Pull.Id);
                }
            }

            finished = pull.Pull.Id;
            if (pull.RunReconciled)
            {
                progress.PullOfReconciledRunEnded(pull.Pull);
            }
        }

        if (finished is { } last)
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
    /// Claims the next queued pull, locks it and opens the batch of its first page in one statement, so no other lane can see
    /// it running unlocked and a one-page pull (most of them) costs one round trip less. <paramref name="unlock"/> is the
    /// pull this lane finished last; its lock goes in the same round trip.
    /// </summary>
    private async Task<ClaimedPull?> ClaimQueuedAsync(NpgsqlConnection connection, Guid runId, long after, long? unlock, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (unlock is { } unlockId)
        {
            var release = new NpgsqlBatchCommand($"SELECT pg_advisory_unlock({AdvisoryLock.Spaces.Pull}, {LockKey("$1")})");
            release.Parameters.Add(new NpgsqlParameter<long> { TypedValue = unlockId });
            batch.BatchCommands.Add(release);
        }

        var claim = new NpgsqlBatchCommand(
            $"""
            WITH next AS (
                SELECT id FROM pulls WHERE run_id = $1 AND status = 'queued' AND id > $2 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE pulls p SET status = 'running', started_at = COALESCE(p.started_at, $3)
                  FROM next WHERE p.id = next.id
                RETURNING p.id, p.run_id, p.dataset, p.source, p.school_code, p.cursor, p.exhausted, p.updated_since),
            locked AS (
                SELECT c.*, pg_try_advisory_lock({AdvisoryLock.Spaces.Pull}, {LockKey("c.id")}) AS locked FROM claimed c),
            first_page AS (
                INSERT INTO batches (run_id, pull_id, dataset, source, school_code, cursor_start, status, attempts, received, stored, quarantined, started_at)
                SELECT run_id, id, dataset, source, school_code, cursor, '{BatchStatus.Running}', 1, 0, 0, 0, $3
                  FROM locked WHERE locked AND NOT exhausted
                RETURNING id)
            SELECT l.id, l.run_id, l.dataset, l.source, l.school_code, l.cursor, l.exhausted, l.updated_since,
                   r.reconciled_at IS NOT NULL, l.locked, (SELECT id FROM first_page)
              FROM locked l JOIN sync_runs r ON r.id = l.run_id
            """);
        claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        batch.BatchCommands.Add(claim);

        ClaimedPull? pull;
        bool locked;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (unlock is not null)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            (pull, locked) = await ReadPullAsync(reader, cancellationToken);
        }

        if (pull is not null && !locked)
        {
            // Still locked by a lane that has not let go of it yet; that lane or a later abandoned-pull search takes care of it.
            return await ClaimQueuedAsync(connection, runId, pull.Pull.Id, null, cancellationToken);
        }

        return pull;
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

    private async Task WorkAsync(NpgsqlConnection connection, ClaimedPull claimed, CancellationToken cancellationToken)
    {
        var pull = claimed.Pull;
        var firstBatchId = claimed.FirstBatchId;
        using var activity = SyncTelemetry.StartPull(pull);
        using var scope = SyncTelemetry.BeginPullScope(logger, pull);
        var dataset = Enum.Parse<Dataset>(pull.Dataset);
        var failed = false;
        var cursor = pull.Cursor;
        var exhausted = pull.Exhausted;
        while (!exhausted)
        {
            Batch batch;
            if (firstBatchId is { } opened)
            {
                batch = NewBatch(pull, cursor);
                batch.Id = opened;
                firstBatchId = null;
            }
            else
            {
                batch = await StartBatchAsync(connection, pull, cursor, cancellationToken);
            }

            using var batchActivity = SyncTelemetry.StartBatch(batch);
            using var batchScope = SyncTelemetry.BeginBatchScope(logger, batch.Id);
            var started = clock.GetTimestamp();
            var (page, error) = await ReadPageWithAttemptsAsync(connection, dataset, pull, cursor, batch, cancellationToken);
            if (page is null)
            {
                await FailBatchAsync(connection, batch, error!, cancellationToken);
                telemetry.BatchFailed(dataset, clock.GetElapsedTime(started));
                batchActivity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{error!.Upstream} status {error.StatusCode?.ToString() ?? "none"}");
                failed = true;
                break;
            }

            await writer.CommitPageAsync(connection, new PageCommit(pull.RunId, pull.Id, batch.Id, dataset, pull.SchoolCode, page), cancellationToken);
            telemetry.PageCommitted(dataset, page, clock.GetElapsedTime(started));
            cursor = page.NextCursor;
            exhausted = page.NextCursor is null;
        }

        if (failed)
        {
            await progress.FailPullAsync(connection, pull.Id, cancellationToken);
        }
        else if (pull.Exhausted)
        {
            // Claimed with its last page already committed but not ended (a pull checkpointed before pulls ended with their pages).
            await using var end = new NpgsqlCommand("UPDATE pulls SET status = 'succeeded', finished_at = @now WHERE id = @id", connection);
            end.Parameters.AddWithValue("now", clock.GetUtcNow());
            end.Parameters.AddWithValue("id", pull.Id);
            await end.ExecuteNonQueryAsync(cancellationToken);
        }

        LogPullFinished(logger, pull.RunId, pull.Id, pull.Dataset, failed ? PullStatus.Failed : PullStatus.Succeeded);
    }

    private async Task<(PageResult? Page, UpstreamException? Error)> ReadPageWithAttemptsAsync(
        NpgsqlConnection connection, Dataset dataset, Pull pull, string? cursor, Batch batch, CancellationToken cancellationToken)
    {
        var school = pull.SchoolCode == Pull.WholeProvince ? null : pull.SchoolCode;
        var request = new PageRequest(options.Value.ProvinceCode, school, cursor, pull.UpdatedSince, options.Value.PageSize);
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

    /// <summary>A page's batch as it starts: running, first attempt. The claim opens the first page's (with its id) in SQL.</summary>
    private Batch NewBatch(Pull pull, string? cursor) => new()
    {
        RunId = pull.RunId,
        PullId = pull.Id,
        Dataset = pull.Dataset,
        Source = pull.Source,
        SchoolCode = pull.SchoolCode,
        CursorStart = cursor,
        Status = BatchStatus.Running,
        Attempts = 1,
        StartedAt = clock.GetUtcNow(),
    };

    private async Task<Batch> StartBatchAsync(NpgsqlConnection connection, Pull pull, string? cursor, CancellationToken cancellationToken)
    {
        var batch = NewBatch(pull, cursor);
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
        command.Parameters.Add(new NpgsqlParameter<string?>("cursor", NpgsqlDbType.Text) { TypedValue = cursor });
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
