using DigitalEdu.Data;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>
/// A province or incremental reconcile's working tables (ReconcileSql.Open) are unlogged tables in a schema of the reconcile's
/// own, so that its statements can read them in parallel workers; a school's are temporary. Nothing of either outlives the
/// reconcile.
/// </summary>
public sealed class ReconcileWorkingSchemaTests : IAsyncLifetime
{
    private readonly Guid runId = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("working");

        // Forty pupils on both sides, every fifth national record with another name: pairs, field items and unverified IDs.
        await SqlRows.ExecuteAsync(dataSource,
            """
            INSERT INTO sync_runs (id, mode, status, requested_by, requested_at, pulls_total, counts)
            VALUES (@run, 'full', 'running', 'test', now(), 0, '{}');

            INSERT INTO person_records (source, person_kind, source_key, school_code, personal_id_raw, id_present, personal_id_digits,
                                        moet_code, full_name, full_name_key, date_of_birth, gender, grade, class_name, status, is_active,
                                        updated_at, last_run_id, stored_at)
            SELECT side.source, 'student', CASE side.source WHEN 'sms' THEN 'S' || i ELSE '22' || lpad(i::text, 8, '0') END, '701',
                   '0223120' || lpad(i::text, 5, '0'), true, '0223120' || lpad(i::text, 5, '0'), '22' || lpad(i::text, 8, '0'),
                   CASE WHEN side.source = 'national' AND i % 5 = 0 THEN 'Tran Van ' ELSE 'Nguyen Van ' END || i,
                   CASE WHEN side.source = 'national' AND i % 5 = 0 THEN 'tran van ' ELSE 'nguyen van ' END || i,
                   '2012-03-09', 'female', 6, '6A', 'studying', true, now(), @run, now()
              FROM generate_series(1, 40) i CROSS JOIN (VALUES ('sms'), ('national')) AS side(source);
            """, ("run", runId));
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task A_reconcile_leaves_no_working_schema_or_table_behind()
    {
        var reconciler = new MismatchReconciler(dataSource);
        var paired = 0;
        var outcome = await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None, () => paired++);

        // The replaced tables' index builds start on this call (ReconcileJob), made once a reconcile has its pairs.
        Assert.Equal(1, paired);
        Assert.True(outcome.StepMilliseconds.ContainsKey("findings"));

        Assert.Equal(8, (await SqlRows.ListAsync(dataSource, "SELECT kind FROM mismatches WHERE kind = 'field_mismatch'")).Count);
        Assert.Equal(outcome.New, (await SqlRows.ListAsync(dataSource, "SELECT id::text FROM mismatches")).Count);

        // Twice, on the pool's connections: temporary tables left in a session would be in the way of the next reconcile there.
        for (var i = 0; i < 2; i++)
        {
            var school = await reconciler.ReconcileAsync(runId, ReconcileScope.School("701"), [], CancellationToken.None);
            Assert.Equal(outcome.Found, school.Found);
        }

        // An incremental run's reconcile, for two changed pupils with another name on the national side: their items only.
        await SqlRows.ExecuteAsync(dataSource, CreateSeeds("'S5', 'S10'"));
        var changed = await reconciler.ReconcileAsync(runId, ReconcileScope.Changed, [], CancellationToken.None);
        var theirs = await SqlRows.ListAsync(dataSource,
            "SELECT kind FROM mismatches WHERE person_ref IN ('sms:S5', 'sms:S10', 'national:2200000005', 'national:2200000010')");
        Assert.Contains("field_mismatch", theirs);
        Assert.Equal(theirs.Count, changed.Found);
        Assert.Empty(await SqlRows.ListAsync(dataSource, $"SELECT relname::text FROM pg_class WHERE relname = '{StagingTables.Seeds(runId)}'"));

        Assert.Empty(await SqlRows.ListAsync(dataSource, @"SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'reconcile\_%'"));
        Assert.Empty(await SqlRows.ListAsync(dataSource, @"SELECT relname::text FROM pg_class WHERE relname LIKE 'rc\_%'"));
    }

    [Fact]
    public async Task Province_findings_read_the_working_tables_in_parallel_workers()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // The province's statements up to the findings, as the reconcile runs them; the test's tables are far below the size at
        // which PostgreSQL would consider parallel workers at all, so that threshold is lowered here.
        var sql = ReconcileSql.Open(ReconcileScope.Province, "reconcile_parallel") + "SET LOCAL min_parallel_table_scan_size = 0;" +
                  Province(ReconcileSql.DuplicatesAndHeld) + Province(ReconcileSql.Pairs);
        await using (var prepare = new NpgsqlCommand(sql, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        // Explained with the settings the reconcile runs it with (nested loops allowed for its constant rows).
        var findings = Province(ReconcileSql.Findings);
        var statement = "EXPLAIN " + findings[..findings.IndexOf("ANALYZE rc_found", StringComparison.Ordinal)];
        var plan = await ExplainAsync(connection, transaction, ReconcileSql.WithConstantRowLoops(statement, ReconcileScope.Province));

        // A session's temporary tables can only be read by the session itself: this is what the unlogged working tables buy.
        Assert.Contains(plan, line => line.Contains("Parallel Seq Scan on rc_pairs", StringComparison.Ordinal));

        // And every branch reads them so: the field comparison of the pairs too (with nested loops off, the penalty on its loop
        // over constant rows made the planner take a serial plan for it), and the SMS records no pair took, which a NOT EXISTS
        // under an OR had made a subplan in one process.
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on rc_pairs", StringComparison.Ordinal)
            && !line.Contains("Parallel Seq Scan on rc_pairs", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("SubPlan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incremental_statements_read_the_working_set_in_parallel_workers()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // The statements up to the findings for ten changed pupils, as an incremental reconcile runs them, with the size at
        // which PostgreSQL considers parallel workers lowered as above.
        var sql = ReconcileSql.Open(ReconcileScope.Changed, "reconcile_parallel") + "SET LOCAL min_parallel_table_scan_size = 0;" +
                  CreateSeeds(string.Join(", ", Enumerable.Range(1, 10).Select(i => $"'S{i}'"))) +
                  Changed(ReconcileSql.ChangedScope) + Changed(ReconcileSql.DuplicatesAndHeld) + Changed(ReconcileSql.Pairs);
        await using (var prepare = new NpgsqlCommand(sql, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        // Temporary tables would keep every one of these statements in one process.
        var findings = Changed(ReconcileSql.Findings);
        var findingsPlan = await ExplainAsync(connection, transaction, findings[..findings.IndexOf("ANALYZE rc_found", StringComparison.Ordinal)]);
        Assert.Contains(findingsPlan, line => line.Contains("Parallel Seq Scan on rc_pairs", StringComparison.Ordinal));

        // The walk's second step, the lookups of what the seeds found by its other keys, is shared among the workers too; only
        // the steps after it are the serial recursion.
        var scope = Changed(ReconcileSql.ChangedScope);
        var walk = scope[scope.IndexOf("CREATE UNLOGGED TABLE rc_linked AS", StringComparison.Ordinal)..];
        var walkPlan = await ExplainAsync(connection, transaction, walk[..walk.IndexOf("SELECT DISTINCT row_id FROM linked", StringComparison.Ordinal)]
            .Replace("CREATE UNLOGGED TABLE rc_linked AS", "EXPLAIN", StringComparison.Ordinal) + "SELECT row_id FROM linked");
        Assert.Contains(walkPlan, line => line.Contains("Parallel Seq Scan on rc_first", StringComparison.Ordinal));

        // The working set's records are fetched by the addresses the walk found, shared among the workers (with the settings
        // the fetch runs with).
        var fetch = scope[scope.IndexOf("SET LOCAL enable_hashjoin = off", StringComparison.Ordinal)..];
        var fetchPlan = await ExplainAsync(connection, transaction, fetch[..fetch.IndexOf("ANALYZE rc_records", StringComparison.Ordinal)]
            .Replace("CREATE UNLOGGED TABLE rc_records AS", "EXPLAIN", StringComparison.Ordinal));
        Assert.Contains(fetchPlan, line => line.Contains("Parallel Seq Scan on rc_linked", StringComparison.Ordinal));
        Assert.DoesNotContain(fetchPlan, line => line.Contains("Hash", StringComparison.Ordinal));

        // Each pupil's latest exam is one probe of the exams' index, never a pass over every exam.
        var latest = Changed(ReconcileSql.WorkingSetLatestExams);
        var latestPlan = await ExplainAsync(connection, transaction, latest[latest.IndexOf("SELECT", StringComparison.Ordinal)..].TrimEnd().TrimEnd(';'));
        Assert.Contains(latestPlan, line => line.Contains("Index Only Scan Backward using ix_health_exams_student_key_exam_date", StringComparison.Ordinal));
        Assert.DoesNotContain(latestPlan, line => line.Contains("Hash", StringComparison.Ordinal));

        // The found items are looked up by the items' key, not hashed against every item of the province: 5,000 found of
        // 50,000 items, where the planner left to itself would hash them (in this transaction only).
        await using (var items = new NpgsqlCommand(
            """
            INSERT INTO mismatches (kind, person_kind, person_ref, field_key, side, school_code, status, first_seen_at, last_seen_at, last_run_id)
            SELECT 'id_missing', 'student', 'sms:X' || i, '', 'sms', '701', 'open', now(), now(), gen_random_uuid()
              FROM generate_series(1, 50000) i;
            ANALYZE mismatches;
            CREATE UNLOGGED TABLE rc_found AS
            SELECT kind, person_kind, person_ref, field_key, side, NULL::text AS detail, NULL::text AS field, school_code,
                   NULL::text AS sms_key, NULL::text AS moet_code, NULL::text AS personal_id, NULL::text AS sms_value,
                   NULL::text AS national_value, NULL::text AS provincial_value, false AS national_verified
              FROM mismatches WHERE person_ref LIKE 'sms:X%0';
            ANALYZE rc_found;
            """, connection, transaction))
        {
            await items.ExecuteNonQueryAsync();
        }

        var upsert = ReconcileSql.UpsertFor(ReconcileScope.Changed)
            .Replace("@now", "now()", StringComparison.Ordinal).Replace("@run", "gen_random_uuid()", StringComparison.Ordinal)
            .Replace("@school", "NULL::text", StringComparison.Ordinal);
        var update = upsert[..(upsert.IndexOf("m.side = f.side;", StringComparison.Ordinal) + "m.side = f.side".Length)]
            .Replace("UPDATE mismatches", "EXPLAIN UPDATE mismatches", StringComparison.Ordinal);
        var updatePlan = await ExplainAsync(connection, transaction, update);
        Assert.Contains(updatePlan, line => line.Contains("Nested Loop", StringComparison.Ordinal));
        Assert.DoesNotContain(updatePlan, line => line.Contains("Hash", StringComparison.Ordinal));
    }

    /// <summary>The plan of the batch's one EXPLAIN (one is put in front of <paramref name="sql"/> when it has none).</summary>
    private static async Task<List<string>> ExplainAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var explain = new NpgsqlCommand(sql.Contains("EXPLAIN", StringComparison.Ordinal) ? sql : "EXPLAIN " + sql, connection, transaction);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

    /// <summary>What an incremental run's apply records for changed SMS records: the digits and MOET code each holds.</summary>
    private string CreateSeeds(string smsKeys) =>
        $"""
        CREATE TABLE {StagingTables.Seeds(runId)} AS
        SELECT source, person_kind, NULL::varchar AS source_key, personal_id_digits AS digits, moet_code
          FROM person_records WHERE source = 'sms' AND source_key IN ({smsKeys});
        """;

    private string Province(string sql) => ReconcileSql.Prepare(sql, runId, ReconcileScope.Province);

    private string Changed(string sql) => ReconcileSql.Prepare(sql, runId, ReconcileScope.Changed);
}
