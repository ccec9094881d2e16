using System.Diagnostics;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Queue;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync.Staging;

/// <summary>What one apply did. <see cref="ChangesRecorded"/>: an incremental run's changes await its reconcile (<see cref="StagingTables.Seeds"/>).</summary>
public sealed record ApplyOutcome(bool Replaced, int PullsApplied, bool ChangesRecorded, TimeSpan Elapsed)
{
    /// <summary>A replace leaves the new tables' secondary indexes to <see cref="DeferredIndexes"/>.</summary>
    public bool IndexesDeferred => Replaced;
}

/// <summary>
/// Applies what a run staged (<see cref="StagingTables"/>) to the stored records, with what its succeeded pulls prove: in a
/// full listing of a school, a record no longer listed is gone; every listing moves its incremental watermark. One transaction,
/// run before the reconcile under the reconcile lock, so applies never interleave.
/// <para>
/// A full province run replaces each table whole: the staging table gets what the run did not replace (the records of listings
/// that failed, and of schools no longer listed), is indexed in bulk like the table it stands in for, and takes its place. That is
/// a bulk load plus index builds, instead of an upsert into four indexes for each of millions of rows. Every other apply (a
/// school, an incremental run, a re-run batch) merges its few staged rows into the table.
/// </para>
/// </summary>
public sealed partial class StagedRecordsApplier(NpgsqlDataSource dataSource, PullQueue queue, ILogger<StagedRecordsApplier> logger)
{
    /// <summary>
    /// A stored table a run stages for: its key, which of two staged rows is the later, and the listings (pulls) its rows belong
    /// to, as a query without a WHERE clause that yields the pull's id and school code (and for persons the source and kind).
    /// </summary>
    private sealed record StoredTable(
        string Name,
        Func<Guid, string> Staging,
        string Key,
        string Latest,
        string ListedBy);

    // The person datasets with the source and kind their records carry, to tie a stored record to the listing it belongs to.
    private static readonly string PersonDatasets = string.Join(", ", DatasetExtensions.All
        .Where(d => d != Dataset.SmsHealthExams)
        .Select(d => $"('{d}', '{d.Source().ToWire()}', '{d.PersonKind().ToWire()}')"));

    private static readonly StoredTable Persons = new(
        "person_records",
        StagingTables.Persons,
        "source, person_kind, source_key",
        "stored_at DESC",
        PullQueue.ListingsOf(PersonDatasets, "dataset", "source", "person_kind"));

    private static readonly StoredTable HealthExams = new(
        "health_exams",
        StagingTables.HealthExams,
        "exam_id",
        "updated_at DESC",
        PullQueue.ListingsOf($"('{Dataset.SmsHealthExams}')", "dataset"));

    public async Task<ApplyOutcome> ApplyAsync(Guid runId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // An index deferred by an earlier replace and never built (its worker stopped) first: the replace below re-creates the
        // indexes the table has, and a merge should not run without them.
        await DeferredIndexes.BuildAsync(connection, cancellationToken);

        var (mode, school, firstApply, tables) = await PullQueue.ApplyStateAsync(
            connection, runId, [Persons.Staging(runId), HealthExams.Staging(runId), StagingTables.Seeds(runId)], cancellationToken);
        var staged = tables[0] && tables[1];
        var changesWaiting = tables[2];
        if (staged)
        {
            // No page commits while this applies (a re-run batch may still be working): what is staged when the lock is granted is
            // exactly what gets applied, and the pulls that ended are exactly those whose pages are all in.
            await ExecuteAsync(connection,
                $"LOCK TABLE {Persons.Staging(runId)}, {HealthExams.Staging(runId)} IN EXCLUSIVE MODE", cancellationToken);
        }

        var applied = await queue.MarkAppliedAsync(connection, runId, cancellationToken);

        // A full province run whose listings all failed has nothing to replace the tables with.
        var replace = mode == SyncMode.Full && school is null && firstApply && staged && applied.Count > 0;
        var recordChanges = staged && !replace && mode == SyncMode.Incremental && school is null;
        if (recordChanges)
        {
            await RecordChangesAsync(connection, runId, changesWaiting, cancellationToken);
        }

        if (staged)
        {
            foreach (var table in new[] { Persons, HealthExams })
            {
                if (replace)
                {
                    await ReplaceAsync(connection, transaction, table, runId, cancellationToken);
                }
                else
                {
                    await MergeAsync(connection, table, runId, applied, fullListings: mode == SyncMode.Full, cancellationToken);
                }
            }
        }

        if (replace)
        {
            // The reconcile's sampled statistics of the new tables, taken here: ANALYZE holds a lock until its transaction ends
            // that the deferred index builds wait for, and this transaction ends before they start; the reconcile's would not.
            await ExecuteAsync(connection, StoredStatistics.Sampled + " " + StoredStatistics.Province, cancellationToken);
        }

        await PullQueue.MoveWatermarksAsync(connection, applied, cancellationToken);

        if (staged && !replace)
        {
            // The staging tables go with the run's last pull; while a re-run batch is still pulling they are emptied instead.
            // A page that finds them gone creates them again (PageWriter), so a re-run requeued just now loses nothing.
            await ExecuteAsync(connection,
                $"""
                DO $$
                BEGIN
                  IF EXISTS ({PullQueue.PullsLeft($"'{runId}'")}) THEN
                    TRUNCATE {Persons.Staging(runId)}, {HealthExams.Staging(runId)};
                  ELSE
                    DROP TABLE {Persons.Staging(runId)}, {HealthExams.Staging(runId)};
                  END IF;
                END $$
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // Under the reconcile lock only an apply creates the changes table and only a reconcile drops it: it exists now exactly
        // when it did at the start or this apply recorded changes.
        var outcome = new ApplyOutcome(replace, applied.Count, changesWaiting || recordChanges, Stopwatch.GetElapsedTime(started));
        LogApplied(logger, runId, replace ? "replaced the stored records" : "merged", applied.Count, outcome.Elapsed.TotalMilliseconds);
        return outcome;
    }

    /// <summary>
    /// Before the merge overwrites them: what an incremental run's reconcile must look at (<see cref="StagingTables.Seeds"/>).
    /// A provincial placeholder leads to the SMS records with its digits, the ones its item is reported through.
    /// A staged record is recorded by the digits and MOET code it now holds: looking those up finds the record itself and
    /// everything linked to it, so the reconcile need not fetch it by its key first (a key lookup per changed record was a
    /// good share of the walk; ADR 0006). Only a record with
    /// neither is recorded by its key. A record's previous digits and MOET code lead to the pair or duplicate group it may have
    /// left; only where they change.
    /// <para>
    /// The run's first apply creates the table from the query, which parallel workers may share (the stored records' lookups
    /// by key), which an INSERT may not. A re-run
    /// batch's apply adds to it (<paramref name="tableExists"/>: changes of an earlier apply still await the reconcile).
    /// </para>
    /// </summary>
    private static Task RecordChangesAsync(NpgsqlConnection connection, Guid runId, bool tableExists, CancellationToken cancellationToken)
    {
        var seeds = StagingTables.Seeds(runId);
        var persons = Persons.Staging(runId);
        var changes =
            $"""
            SELECT s.source, s.person_kind, CASE WHEN s.personal_id_digits IS NULL AND s.moet_code IS NULL THEN s.source_key END,
                   s.personal_id_digits, s.moet_code
              FROM {persons} s WHERE s.source IN ('{WireNames.Sms}', '{WireNames.National}')
            UNION
            SELECT p.source, p.person_kind, NULL, p.personal_id_digits, p.moet_code
              FROM {persons} s
              JOIN person_records p ON p.source = s.source AND p.person_kind = s.person_kind AND p.source_key = s.source_key
             WHERE s.source IN ('{WireNames.Sms}', '{WireNames.National}')
               AND (p.personal_id_digits IS DISTINCT FROM s.personal_id_digits OR p.moet_code IS DISTINCT FROM s.moet_code)
            UNION
            SELECT '{WireNames.Sms}', s.person_kind, NULL, NULL, s.source_key FROM {persons} s WHERE s.source = '{WireNames.Provincial}' AND s.quarantine_reasons IS NULL
            UNION
            SELECT '{WireNames.Sms}', s.person_kind, NULL, s.personal_id_digits, NULL FROM {persons} s
             WHERE s.source = '{WireNames.Provincial}' AND s.quarantine_reasons IS NOT NULL AND s.personal_id_digits IS NOT NULL
            UNION
            SELECT '{WireNames.Sms}', '{WireNames.Student}', h.student_key, NULL, NULL FROM {HealthExams.Staging(runId)} h
            """;

        return ExecuteAsync(connection,
            tableExists ? $"INSERT INTO {seeds}\n{changes}" : $"CREATE TABLE {seeds} (source, person_kind, source_key, digits, moet_code) AS\n{changes}",
            cancellationToken);
    }

    /// <summary>
    /// Builds the table anew from the staging table and puts it in place. The stored rows a succeeded listing of this run covered
    /// are dropped with the old table; the rest are carried over, unless this run staged a newer row with the same key (a pull that
    /// failed after some pages).
    /// </summary>
    private async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredTable table, Guid runId, CancellationToken cancellationToken)
    {
        var staging = table.Staging(runId);

        // Bulk index builds of a province sort in memory instead of spilling to disk.
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);

        var indexes = await ReadIndexesAsync(connection, table.Name, cancellationToken);
        var key = indexes.Single(i => i.Constraint == 'p');
        await BuildUniqueKeyAsync(connection, transaction, table, staging, key, cancellationToken);

        // What no succeeded listing of this run covered is carried over: first set aside (usually nothing, so the anti-join by
        // hash over the old table is the one pass it costs), then added where this run staged nothing newer under the key.
        var listed = table == Persons
            ? "l.school_code = p.school_code AND l.source = p.source AND l.person_kind = p.person_kind"
            : "l.school_code = p.school_code";
        var keyMatch = string.Join(" AND ", table.Key.Split(", ").Select(c => $"s.{c} = c.{c}"));
        await ExecuteAsync(connection,
            $"""
            CREATE TEMP TABLE carried_over ON COMMIT DROP AS
            SELECT p.* FROM {table.Name} p
             WHERE NOT EXISTS (SELECT 1 FROM ({table.ListedBy} WHERE {PullQueue.SucceededOfRun}) l WHERE {listed});
            ANALYZE carried_over;
            INSERT INTO {staging} SELECT c.* FROM carried_over c WHERE NOT EXISTS (SELECT 1 FROM {staging} s WHERE {keyMatch});
            DROP TABLE carried_over;
            """, cancellationToken, ("run", runId));

        // Unique indexes hold the data to a rule and are built here; the others wait until the table is in place (DeferredIndexes).
        foreach (var index in indexes.Where(i => i != key))
        {
            if (index.Deferrable)
            {
                await DeferredIndexes.RecordAsync(connection, index.Name, table.Name, index.DeferredDefinition(table.Name), cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection, index.DefinitionOn(staging), cancellationToken);
            }
        }

        await ExecuteAsync(connection, $"DROP TABLE {table.Name}", cancellationToken);
        await ExecuteAsync(connection, $"ALTER TABLE {staging} RENAME TO {table.Name}", cancellationToken);
        await ExecuteAsync(connection, $"ALTER TABLE {table.Name} RESET (autovacuum_enabled)", cancellationToken);
        foreach (var index in indexes.Where(i => !i.Deferrable))
        {
            await ExecuteAsync(connection, index.Constraint switch
            {
                'p' => $"ALTER TABLE {table.Name} ADD CONSTRAINT {index.Name} PRIMARY KEY USING INDEX {index.StagingName(staging)}",
                'u' => $"ALTER TABLE {table.Name} ADD CONSTRAINT {index.Name} UNIQUE USING INDEX {index.StagingName(staging)}",
                _ => $"ALTER INDEX {index.StagingName(staging)} RENAME TO {index.Name}",
            }, cancellationToken);
        }
    }

    /// <summary>
    /// The key index first: carrying over old rows checks it, and a key this run staged twice (listed on two pages, or by two
    /// schools while a pupil moved) shows here as a unique violation. Then only the later of each such pair is kept.
    /// </summary>
    private async Task BuildUniqueKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredTable table, string staging, StoredIndex key,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("unique_key", cancellationToken);
        try
        {
            await ExecuteAsync(connection, key.DefinitionOn(staging), cancellationToken);
            await transaction.ReleaseAsync("unique_key", cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("unique_key", cancellationToken);
        }

        var removed = await ExecuteAsync(connection,
            $"""
            DELETE FROM {staging} s
             USING (SELECT ctid AS row, row_number() OVER (PARTITION BY {table.Key} ORDER BY {table.Latest}, ctid DESC) AS n FROM {staging}) d
             WHERE s.ctid = d.row AND d.n > 1
            """, cancellationToken);
        LogDuplicatesDropped(logger, table.Name, removed);
        await ExecuteAsync(connection, key.DefinitionOn(staging), cancellationToken);
    }

    /// <summary>Merges the staged rows (the later of any key staged twice), then drops what the run's full listings no longer hold.</summary>
    private static async Task MergeAsync(
        NpgsqlConnection connection, StoredTable table, Guid runId, List<long> applied, bool fullListings, CancellationToken cancellationToken)
    {
        var staging = table.Staging(runId);
        var columns = await ReadColumnsAsync(connection, table.Name, cancellationToken);
        var keyColumns = table.Key.Split(", ");
        var updates = string.Join(", ", columns.Except(keyColumns).Select(c => $"{c} = excluded.{c}"));
        await ExecuteAsync(connection,
            $"""
            INSERT INTO {table.Name}
            SELECT DISTINCT ON ({table.Key}) * FROM {staging} ORDER BY {table.Key}, {table.Latest}, ctid DESC
            ON CONFLICT ({table.Key}) DO UPDATE SET {updates}
            """, cancellationToken);

        if (fullListings && applied.Count > 0)
        {
            // Presence is authoritative only in a full listing of a school (a province-wide listing is incremental).
            var listed = table == Persons
                ? "p.school_code = l.school_code AND p.source = l.source AND p.person_kind = l.person_kind"
                : "p.school_code = l.school_code";
            await ExecuteAsync(connection,
                $"""
                DELETE FROM {table.Name} p
                 USING ({table.ListedBy} WHERE q.id = ANY (@applied) AND q.school_code <> '') l
                 WHERE {listed} AND p.last_run_id <> @run
                """, cancellationToken, ("applied", applied.ToArray()), ("run", runId));
        }
    }

    /// <summary>One index of a stored table as the migrations made it, to be built again on a table that takes its place.</summary>
    private sealed record StoredIndex(int Ordinal, string Name, string Definition, char Constraint)
    {
        public string StagingName(string staging) => $"{staging}_ix{Ordinal}";

        private bool Unique => Definition.StartsWith("CREATE UNIQUE INDEX ", StringComparison.Ordinal);

        // pg_get_indexdef's "CREATE [UNIQUE] INDEX name ON table USING ...", from " USING " on.
        private string Method => Definition[Definition.IndexOf(" USING ", StringComparison.Ordinal)..];

        /// <summary>Neither a constraint nor unique: the data needs nothing of it, only the queries do.</summary>
        public bool Deferrable => Constraint == '-' && !Unique;

        /// <summary>The same index on the staging table, re-aimed.</summary>
        public string DefinitionOn(string staging) => $"CREATE {(Unique ? "UNIQUE " : "")}INDEX {StagingName(staging)} ON {staging}{Method}";

        /// <summary>The index under its own name on the table once replaced, for <see cref="DeferredIndexes"/>.</summary>
        public string DeferredDefinition(string table) => $"CREATE INDEX IF NOT EXISTS {Name} ON {table}{Method}";
    }

    private static async Task<List<StoredIndex>> ReadIndexesAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, pg_get_indexdef(i.indexrelid), COALESCE(k.contype, '-')
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
             WHERE i.indrelid = @table::regclass
             ORDER BY c.relname
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var indexes = new List<StoredIndex>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add(new StoredIndex(indexes.Count, reader.GetString(0), reader.GetString(1), reader.GetChar(2)));
        }

        return indexes;
    }

    private static async Task<List<string>> ReadColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT attname FROM pg_attribute WHERE attrelid = @table::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        // A province's index builds and merges are long statements; the default 30 s command timeout is for small queries.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: staged records applied ({How}) for {PullCount} pulls in {ElapsedMs:F0} ms")]
    private static partial void LogApplied(ILogger logger, Guid runId, string how, int pullCount, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Count} rows staged twice under one key; the later ones are kept")]
    private static partial void LogDuplicatesDropped(ILogger logger, string table, int count);
}
