using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>
/// A province reconcile's working tables (ReconcileSql.Open) are unlogged tables in a schema of the reconcile's own, so that
/// its statements can read them in parallel workers; a school's are temporary. Nothing of either outlives the reconcile.
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
        await using var explain = new NpgsqlCommand(ReconcileSql.WithConstantRowLoops(statement, ReconcileScope.Province), connection, transaction);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        // A session's temporary tables can only be read by the session itself: this is what the unlogged working tables buy.
        Assert.Contains(plan, line => line.Contains("Parallel Seq Scan on rc_pairs", StringComparison.Ordinal));

        // And every branch reads them so: the field comparison of the pairs too (with nested loops off, the penalty on its loop
        // over constant rows made the planner take a serial plan for it), and the SMS records no pair took, which a NOT EXISTS
        // under an OR had made a subplan in one process.
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on rc_pairs", StringComparison.Ordinal)
            && !line.Contains("Parallel Seq Scan on rc_pairs", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("SubPlan", StringComparison.Ordinal));
    }

    private string Province(string sql) => ReconcileSql.Prepare(sql, runId, ReconcileScope.Province);
}
