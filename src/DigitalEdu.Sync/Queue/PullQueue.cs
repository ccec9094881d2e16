using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Queue;

/// <summary>A pull a lane took, whether its run was reconciled already (a re-run batch's), and the batch its claim opened for its first page.</summary>
public sealed record ClaimedPull(Pull Pull, bool RunReconciled, long? FirstBatchId);

/// <summary>What one successful page commits with its rows: its batch's result and its pull's checkpoint.</summary>
public sealed record PageCheckpoint(long BatchId, long PullId, string? NextCursor, int Received, int Stored, int Quarantined, DateTimeOffset AsOf);

/// <summary>A failed batch as a notification names it.</summary>
public sealed record FailedBatchNotice(long BatchId, string Source, string Dataset, string SchoolCode, int? UpstreamStatus);

/// <summary>
/// The pull queue: the one owner of the <c>sync_runs</c>, <c>pulls</c> and <c>batches</c> tables' statements. A run fans out
/// into pulls (one per dataset and school, or one province-wide listing); lanes claim them in blocks with
/// <c>FOR UPDATE SKIP LOCKED</c> and hold a session advisory lock on each, so a pull whose worker died is resumed from its
/// checkpoint by any lane; each page is a batch, committed with its pull's checkpoint. Statuses are the vocabulary's constants.
/// </summary>
public sealed class PullQueue(NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider clock)
{
    private const string PullColumns = "id, run_id, dataset, source, school_code, cursor, exhausted, updated_since";

    /// <summary>Starts a planned run: its pulls queued and the run running, in one transaction.</summary>
    public async Task StartRunAsync(Guid runId, IReadOnlyList<Pull> pulls, IReadOnlyList<string> pausedSources, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A province has thousands of pulls: one statement over arrays, where the change tracker would send them in batches.
        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO pulls (run_id, dataset, source, school_code, status, exhausted, updated_since, pages, received, stored, quarantined)
            SELECT @run, p.dataset, p.source, p.school_code, '{PullStatus.Queued}', false, p.updated_since, 0, 0, 0, 0
              FROM unnest(@datasets, @sources, @schools, @since) AS p(dataset, source, school_code, updated_since);
            UPDATE sync_runs SET status = '{SyncRunStatus.Running}', pulls_total = @total, started_at = @now, paused_sources = @paused WHERE id = @run;
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("run", runId);
            insert.Parameters.AddWithValue("datasets", pulls.Select(p => p.Dataset).ToArray());
            insert.Parameters.AddWithValue("sources", pulls.Select(p => p.Source).ToArray());
            insert.Parameters.AddWithValue("schools", pulls.Select(p => p.SchoolCode).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = pulls.Select(p => p.UpdatedSince).ToArray() });
            insert.Parameters.AddWithValue("total", pulls.Count);
            insert.Parameters.AddWithValue("paused", pausedSources.ToArray());
            insert.Parameters.AddWithValue("now", clock.GetUtcNow());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A run that could not even be planned: failed at once, with the reason.</summary>
    public async Task FailRunAsync(Guid runId, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE sync_runs SET status = '{SyncRunStatus.Failed}', error = $2, finished_at = $3 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A run's pulls, with what they did (for the run's figures and which schools its evidence covers).</summary>
    public async Task<IReadOnlyList<Pull>> PullsOfRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, dataset, source, school_code, status, received, stored, quarantined FROM pulls WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        var pulls = new List<Pull>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pulls.Add(new Pull
            {
                Id = reader.GetInt64(0),
                RunId = runId,
                Dataset = reader.GetString(1),
                Source = reader.GetString(2),
                SchoolCode = reader.GetString(3),
                Status = reader.GetString(4),
                Received = reader.GetInt32(5),
                Stored = reader.GetInt32(6),
                Quarantined = reader.GetInt32(7),
            });
        }

        return pulls;
    }

    /// <summary>A run's batches counted by status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> BatchCountsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT status, count(*)::int FROM batches WHERE run_id = $1 GROUP BY status");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>Closes a reconciled run with its status and figures (JSON); the first reconcile's time is kept.</summary>
    public async Task CloseRunAsync(Guid runId, string status, string counts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE sync_runs SET status = $2, counts = $3::jsonb, reconciled_at = COALESCE(reconciled_at, $4), finished_at = $4
             WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = counts });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many of a run's pulls are queued (a re-delivered plan job enqueues pull jobs for them again).</summary>
    public async Task<int> QueuedCountAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*)::int FROM pulls WHERE run_id = $1 AND status = '{PullStatus.Queued}'");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Claims the next queued pulls, locks them and opens the batch of each one's first page in one statement, so no other lane
    /// can see them running unlocked. A block holds up to <see cref="SyncOptions.PullsPerClaim"/> pulls while many are queued
    /// ahead, fewer as the queue runs out, so that the lanes share the last pulls rather than one lane working them in turn;
    /// a province-wide listing (many pages) is claimed on its own. <paramref name="unlock"/> are the pulls this lane finished
    /// last; their locks go in the same round trip. A pull still locked by a lane that has not let go of it yet is left to
    /// that lane or a later abandoned-pull search.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedPull>> ClaimAsync(
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
                SELECT count(*) AS queued FROM (SELECT 1 FROM pulls WHERE run_id = $1 AND status = '{PullStatus.Queued}' AND id > $2 LIMIT $4 * $5) q),
            next AS (
                SELECT id, school_code = '{Pull.WholeProvince}' AS whole_province
                  FROM pulls WHERE run_id = $1 AND status = '{PullStatus.Queued}' AND id > $2
                 ORDER BY id LIMIT (SELECT least($4, greatest(1, queued / $5)) FROM ahead) FOR UPDATE SKIP LOCKED),
            chosen AS (
                SELECT id FROM next
                 WHERE CASE WHEN (SELECT whole_province FROM next ORDER BY id LIMIT 1) THEN id = (SELECT min(id) FROM next)
                            ELSE NOT whole_province END),
            claimed AS (
                UPDATE pulls p SET status = '{PullStatus.Running}', started_at = COALESCE(p.started_at, $3)
                  FROM chosen WHERE p.id = chosen.id
                RETURNING p.id, p.run_id, p.dataset, p.source, p.school_code, p.cursor, p.exhausted, p.updated_since),
            locked AS (
                SELECT c.*, pg_try_advisory_lock({AdvisoryLock.Spaces.Pull}, {LockKey("c.id")}) AS locked FROM claimed c),
            first_page AS (
                INSERT INTO batches (run_id, pull_id, dataset, source, school_code, cursor_start, status, attempts, received, stored, quarantined, started_at, retry_of)
                SELECT run_id, id, dataset, source, school_code, cursor, '{BatchStatus.Running}', 1, 0, 0, 0, $3,
                       -- A pull put back by a re-run: its first page is the successor of the batch re-run (the latest retried one
                       -- of the pull that has none yet).
                       (SELECT max(b.id) FROM batches b
                         WHERE b.pull_id = locked.id AND b.status = '{BatchStatus.Retried}'
                           AND NOT EXISTS (SELECT 1 FROM batches s WHERE s.retry_of = b.id))
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
        return claimed.Count == 0 && last > 0 ? await ClaimAsync(connection, runId, last, [], cancellationToken) : claimed;
    }

    /// <summary>The run's pulls left running: by a lane still working them, or by a worker that died (their locks are free).</summary>
    public async Task<IReadOnlyList<long>> RunningPullsAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        var running = new List<long>();
        await using var scan = new NpgsqlCommand($"SELECT id FROM pulls WHERE run_id = @run AND status = '{PullStatus.Running}' ORDER BY id", connection);
        scan.Parameters.AddWithValue("run", runId);
        await using var rows = await scan.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            running.Add(rows.GetInt64(0));
        }

        return running;
    }

    /// <summary>
    /// Takes over a pull left running by a worker that died, if its lock is free: resumes it from its checkpoint and records
    /// the batch that was in flight as interrupted. Null when another lane holds it, or it ended meanwhile.
    /// </summary>
    public async Task<ClaimedPull?> TryResumeAsync(NpgsqlConnection connection, long pullId, CancellationToken cancellationToken)
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
                UPDATE batches SET status = '{BatchStatus.Interrupted}', finished_at = @now
                 WHERE pull_id = @id AND status = '{BatchStatus.Running}'
                   AND EXISTS (SELECT 1 FROM pulls WHERE id = @id AND status = '{PullStatus.Running}'))
            SELECT {PullColumns}, (SELECT reconciled_at IS NOT NULL FROM sync_runs WHERE id = run_id), true, NULL::bigint
              FROM pulls WHERE id = @id AND status = '{PullStatus.Running}'
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
        }

        return pull;
    }

    /// <summary>Lets go of a pull's lock: the lane's connection lives on, so the session lock must be released explicitly.</summary>
    public static async Task UnlockAsync(NpgsqlConnection connection, long pullId)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLock.Spaces.Pull}, {LockKey("@id")})", connection);
        command.Parameters.AddWithValue("id", pullId);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Ends a pull claimed with its last page already committed but not ended (checkpointed before pulls ended with their pages).</summary>
    public async Task EndExhaustedAsync(NpgsqlConnection connection, long pullId, CancellationToken cancellationToken)
    {
        await using var end = new NpgsqlCommand($"UPDATE pulls SET status = '{PullStatus.Succeeded}', finished_at = @now WHERE id = @id", connection);
        end.Parameters.AddWithValue("now", clock.GetUtcNow());
        end.Parameters.AddWithValue("id", pullId);
        await end.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends a pull whose page failed every attempt; its earlier pages stay staged.</summary>
    public async Task FailPullAsync(NpgsqlConnection connection, long pullId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"UPDATE pulls SET status = '{PullStatus.Failed}', finished_at = @now WHERE id = @id", connection);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("id", pullId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The batch of a pull's next page (from its checkpoint) as it starts: running, first attempt. The claim opens the first
    /// page's (with its id) in SQL; <paramref name="openedId"/> is that one, 0 for a batch to insert here.
    /// </summary>
    public async Task<Batch> StartBatchAsync(NpgsqlConnection connection, Pull pull, long openedId, CancellationToken cancellationToken)
    {
        var batch = new Batch
        {
            Id = openedId,
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
        if (openedId != 0)
        {
            return batch;
        }

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

    public async Task CountAttemptAsync(NpgsqlConnection connection, long batchId, int attempt, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("UPDATE batches SET attempts = @attempt WHERE id = @id", connection);
        count.Parameters.AddWithValue("attempt", attempt);
        count.Parameters.AddWithValue("id", batchId);
        await count.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A batch whose page failed every attempt, with the upstream's error and status.</summary>
    public async Task FailBatchAsync(NpgsqlConnection connection, long batchId, UpstreamException error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE batches SET status = '{BatchStatus.Failed}', error = @error, upstream_status = @upstreamStatus, upstream_body = @body, finished_at = @now WHERE id = @id",
            connection);
        command.Parameters.AddWithValue("error", error.Message.Length > 2000 ? error.Message[..2000] : error.Message);
        command.Parameters.Add(new NpgsqlParameter<string?>("body", NpgsqlDbType.Text) { TypedValue = error.Body });
        command.Parameters.Add(new NpgsqlParameter<int?>("upstreamStatus", NpgsqlDbType.Integer) { TypedValue = error.StatusCode });
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("id", batchId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The checkpoints of committed pages, in the transaction that staged their rows: each batch succeeded, each pull moved to
    /// its next cursor (and ended with its last page). One statement for all the pages of a commit.
    /// </summary>
    public static async Task CheckpointAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<PageCheckpoint> pages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var checkpoint = new NpgsqlCommand(
            $"""
            WITH page AS (
                SELECT * FROM unnest(@batch, @pull, @next, @received, @stored, @quarantined, @asOf)
                           AS p(batch_id, pull_id, next, received, stored, quarantined, as_of)),
            batch AS (
                UPDATE batches b SET status = '{BatchStatus.Succeeded}', cursor_next = p.next, received = p.received, stored = p.stored,
                                     quarantined = p.quarantined, finished_at = @now, error = NULL
                  FROM page p
                 WHERE b.id = p.batch_id)
            UPDATE pulls u SET cursor = p.next, exhausted = (p.next IS NULL), pages = u.pages + 1, received = u.received + p.received,
                               stored = u.stored + p.stored, quarantined = u.quarantined + p.quarantined,
                               as_of = COALESCE(u.as_of, p.as_of),
                               status = CASE WHEN p.next IS NULL THEN '{PullStatus.Succeeded}' ELSE u.status END,
                               finished_at = CASE WHEN p.next IS NULL THEN @now ELSE u.finished_at END
              FROM page p
             WHERE u.id = p.pull_id;
            """, connection, transaction);
        checkpoint.Parameters.Add(new NpgsqlParameter<long[]>("batch", pages.Select(p => p.BatchId).ToArray()));
        checkpoint.Parameters.Add(new NpgsqlParameter<long[]>("pull", pages.Select(p => p.PullId).ToArray()));
        checkpoint.Parameters.Add(new NpgsqlParameter<string?[]>("next", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            TypedValue = pages.Select(p => p.NextCursor).ToArray(),
        });
        checkpoint.Parameters.Add(new NpgsqlParameter<int[]>("received", pages.Select(p => p.Received).ToArray()));
        checkpoint.Parameters.Add(new NpgsqlParameter<int[]>("stored", pages.Select(p => p.Stored).ToArray()));
        checkpoint.Parameters.Add(new NpgsqlParameter<int[]>("quarantined", pages.Select(p => p.Quarantined).ToArray()));
        checkpoint.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("asOf", pages.Select(p => p.AsOf.ToUniversalTime()).ToArray()));
        checkpoint.Parameters.AddWithValue("now", now);
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether a run still has pulls queued or running (a job ending its slice hands over only then).</summary>
    public async Task<bool> HasWorkLeftAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT EXISTS ({PullsLeft("@run")})", connection);
        command.Parameters.AddWithValue("run", runId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Whether the run's reconcile is due: it runs, no pull is queued or running, and no reconcile was enqueued or ran. When it is,
    /// <paramref name="enqueue"/> enqueues it and the run records that it did.
    /// </summary>
    public async Task EnqueueReconcileIfCompleteAsync(NpgsqlConnection connection, Guid runId, Action enqueue, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            $"""
            SELECT r.reconciled_at IS NULL AND r.reconcile_enqueued_at IS NULL AND r.status = '{SyncRunStatus.Running}'
                   AND NOT EXISTS ({PullsLeft("r.id")})
              FROM sync_runs r WHERE r.id = @run
            """, connection);
        check.Parameters.AddWithValue("run", runId);
        if (await check.ExecuteScalarAsync(cancellationToken) is true)
        {
            enqueue();
            await using var enqueued = new NpgsqlCommand(
                "UPDATE sync_runs SET reconcile_enqueued_at = COALESCE(reconcile_enqueued_at, @now) WHERE id = @run", connection);
            enqueued.Parameters.AddWithValue("now", clock.GetUtcNow());
            enqueued.Parameters.AddWithValue("run", runId);
            await enqueued.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A query for the pulls of run <paramref name="run"/> (an SQL expression) still queued or running.</summary>
    public static string PullsLeft(string run) =>
        $"SELECT 1 FROM pulls WHERE run_id = {run} AND status IN ('{PullStatus.Queued}', '{PullStatus.Running}')";

    /// <summary>
    /// The run as its apply needs it: mode, school, whether this is its first apply; and whether each of the named tables exists,
    /// asked in the same round trip.
    /// </summary>
    public static async Task<(string Mode, string? School, bool FirstApply, bool[] TablesExist)> ApplyStateAsync(
        NpgsqlConnection connection, Guid runId, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT r.mode, r.school_code,
                   NOT EXISTS (SELECT 1 FROM pulls q WHERE q.run_id = r.id AND q.applied_at IS NOT NULL),
                   ARRAY(SELECT to_regclass(t) IS NOT NULL FROM unnest(@tables) WITH ORDINALITY AS u(t, n) ORDER BY n)
              FROM sync_runs r WHERE r.id = @run
            """, connection);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("tables", tables.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Run {runId} does not exist.");
        }

        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<bool[]>(3));
    }

    /// <summary>The run's succeeded pulls not applied before (all of them, but for a re-run batch applied after the run), marked applied.</summary>
    public async Task<List<long>> MarkAppliedAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE pulls SET applied_at = @now WHERE run_id = @run AND status = '{PullStatus.Succeeded}' AND applied_at IS NULL RETURNING id", connection);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// The listings (pulls) a table's rows belong to, as a query without a WHERE clause: the pull's id and school code, and what
    /// its dataset says of the rows, from <paramref name="datasets"/> (SQL VALUES rows whose columns are
    /// <paramref name="columns"/>, the first the dataset's name), e.g. a person's source and kind.
    /// </summary>
    public static string ListingsOf(string datasets, params string[] columns) =>
        $"SELECT q.id, q.school_code{string.Concat(columns.Skip(1).Select(c => ", d." + c))} "
        + $"FROM pulls q JOIN (VALUES {datasets}) AS d({string.Join(", ", columns)}) ON d.dataset = q.dataset";

    /// <summary>The condition on a listings query (<see cref="ListingsOf"/>) for a run's succeeded pulls.</summary>
    public const string SucceededOfRun = $"q.run_id = @run AND q.status = '{PullStatus.Succeeded}'";

    /// <summary>Moves each applied pull's incremental watermark to what its listing was as of, never backwards.</summary>
    public static async Task MoveWatermarksAsync(NpgsqlConnection connection, IReadOnlyList<long> applied, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO sync_watermarks (dataset, school_code, as_of)
            SELECT dataset, school_code, as_of FROM pulls WHERE id = ANY (@applied) AND as_of IS NOT NULL
            ON CONFLICT (dataset, school_code) DO UPDATE SET as_of = GREATEST(sync_watermarks.as_of, excluded.as_of)
            """, connection)
        { CommandTimeout = 0 };
        command.Parameters.AddWithValue("applied", applied.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The run a batch belongs to; null when there is no such batch.</summary>
    /// <summary>
    /// The batch's run and status, its row locked until the caller's transaction on <paramref name="connection"/> ends (a
    /// second retry of it waits there); null when there is no such batch.
    /// </summary>
    public static async Task<(Guid RunId, string Status)?> LockBatchAsync(NpgsqlConnection connection, long batchId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT run_id, status FROM batches WHERE id = $1 FOR UPDATE", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Puts a failed batch's pull back in the queue from the cursor the batch started from (the checkpoint never moved past it),
    /// and marks the batch retried, in one statement on the caller's connection (and transaction); false when the batch had not
    /// failed.
    /// </summary>
    public static async Task<bool> RequeueFailedBatchAsync(NpgsqlConnection connection, long batchId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH retried AS (
                UPDATE batches SET status = '{BatchStatus.Retried}'
                 WHERE id = $1 AND status = '{BatchStatus.Failed}'
                RETURNING pull_id, cursor_start)
            UPDATE pulls p SET status = '{PullStatus.Queued}', cursor = r.cursor_start, exhausted = false
              FROM retried r WHERE p.id = r.pull_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batchId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The ids of every failed batch.</summary>
    public async Task<IReadOnlyList<long>> FailedBatchesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT id FROM batches WHERE status = '{BatchStatus.Failed}' ORDER BY id");
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>A run's failed batches as a notification names them, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<FailedBatchNotice>> FailedBatchesAsync(Guid runId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT id, source, dataset, school_code, upstream_status FROM batches WHERE run_id = $1 AND status = '{BatchStatus.Failed}' ORDER BY id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var batches = new List<FailedBatchNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new FailedBatchNotice(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }

        return batches;
    }

    // The two-key advisory lock takes 32-bit keys; pull ids stay far below that, the modulo only keeps the cast safe.
    private static string LockKey(string pullId) => $"({pullId} % 2147483647)::int";

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
}
