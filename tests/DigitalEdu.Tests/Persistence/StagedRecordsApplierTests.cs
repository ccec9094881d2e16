using DigitalEdu.Data;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>
/// The apply step against real PostgreSQL, one fresh database per test: what a run staged becomes the stored records, with what
/// its succeeded listings prove absent, and nothing of a listing that failed is lost.
/// </summary>
public sealed class StagedRecordsApplierTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddHours(1);

    private readonly Guid previousRun = Guid.CreateVersion7();
    private readonly Guid run = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("apply");
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Full_province_run_replaces_what_its_listings_cover_keeps_what_failed_and_the_later_of_a_key_staged_twice()
    {
        await InsertRunAsync("full", school: null);
        await InsertPersonAsync("person_records", "sms", "A-1", "A", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "sms", "A-2", "A", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "sms", "B-1", "B", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "national", "N-1", "A", previousRun, Earlier, "old");
        await InsertExamAsync("health_exams", "E-A", "A", previousRun);
        await InsertExamAsync("health_exams", "E-B", "B", previousRun);
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded");
        await InsertPullAsync("SmsStudents", "sms", "B", "failed");
        await InsertPullAsync("NationalStudents", "national", "A", "failed");
        await InsertPullAsync("SmsHealthExams", "sms", "A", "succeeded");
        await InsertPullAsync("SmsHealthExams", "sms", "B", "failed");

        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Earlier, "new");
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-3", "A", run, Earlier, "new");
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Later, "newest");
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "B-2", "B", run, Earlier, "new from a page before the failure");
        await InsertExamAsync(StagingTables.HealthExams(run), "E-A2", "A", run);
        var definitionsBefore = await ListAsync(IndexDefinitions);

        var outcome = await ApplyAsync();

        Assert.True(outcome.Replaced);
        Assert.True(outcome.IndexesDeferred);
        Assert.Equal(2, outcome.PullsApplied);
        Assert.Equal(
            ["national:N-1:A:old", "sms:A-1:A:newest", "sms:A-3:A:new", "sms:B-1:B:old", "sms:B-2:B:new from a page before the failure"],
            await ListAsync("SELECT source || ':' || source_key || ':' || school_code || ':' || full_name FROM person_records ORDER BY 1"));
        Assert.Equal(["E-A2", "E-B"], await ListAsync("SELECT exam_id FROM health_exams"));

        // The replacement has the key of the table the migrations made; its other indexes are left for after the swap, recorded.
        Assert.Equal(["pk_health_exams", "pk_person_records"], await ListAsync(
            "SELECT indexname FROM pg_indexes WHERE tablename IN ('person_records', 'health_exams') ORDER BY 1"));
        Assert.Equal(["pk_person_records"], await ListAsync("SELECT conname FROM pg_constraint WHERE conrelid = 'person_records'::regclass AND contype = 'p'"));

        // It keeps the stored tables' room for updates, and autovacuum is on again.
        Assert.Equal(["health_exams:{fillfactor=90}", "person_records:{fillfactor=90}"], await ListAsync(
            "SELECT relname || ':' || reloptions::text FROM pg_class WHERE relname IN ('person_records', 'health_exams') AND relkind = 'r'"));
        Assert.Equal(
            ["ix_health_exams_school_code", "ix_health_exams_student_key_exam_date", "ix_health_exams_unreadable",
             "ix_person_records_moet_code_person_kind_source", "ix_person_records_personal_id_digits_person_kind_source",
             "ix_person_records_placeholders", "ix_person_records_school_code_source", "ix_person_records_unknown_codes",
             "ix_person_records_unreadable"],
            await ListAsync("SELECT name FROM deferred_indexes ORDER BY 1"));

        // Built (as the reconcile job does alongside the reconcile), they are the indexes the table had, under the same names.
        await new DeferredIndexes(dataSource, NullLogger<DeferredIndexes>.Instance).BuildAsync(CancellationToken.None);
        Assert.Equal(definitionsBefore, await ListAsync(IndexDefinitions));
        Assert.Empty(await ListAsync("SELECT name FROM deferred_indexes"));
        Assert.Empty(await ListAsync("SELECT relname FROM pg_class WHERE relname LIKE 'stage\\_%'"));
        Assert.Equal(["SmsHealthExams:A", "SmsStudents:A"], await ListAsync("SELECT dataset || ':' || school_code FROM sync_watermarks"));
    }

    [Fact]
    public async Task Incremental_run_merges_the_later_of_each_key_and_deletes_nothing()
    {
        await InsertRunAsync("incremental", school: null);
        await InsertPersonAsync("person_records", "sms", "A-1", "A", previousRun, Earlier, "old", digits: "022312001234", moetCode: "2200184213");
        await InsertPersonAsync("person_records", "sms", "A-2", "A", previousRun, Earlier, "old");
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded");
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Later, "newest");
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Earlier, "new");
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-3", "A", run, Later, "new", digits: "022312009999", moetCode: "2200180000");
        await InsertPersonAsync("person_records", "sms", "A-3", "A", previousRun, Earlier, "old", digits: "022312009999", moetCode: "2200180000");

        var outcome = await ApplyAsync();

        Assert.False(outcome.Replaced);
        Assert.Equal(["sms:A-1:A:newest", "sms:A-2:A:old", "sms:A-3:A:new"],
            await ListAsync("SELECT source || ':' || source_key || ':' || school_code || ':' || full_name FROM person_records ORDER BY 1"));

        // What changed is left for the run's reconcile: the records staged, by the digits and code they now hold or by key
        // where they hold neither, and the digits and code they held before where these changed (A-1's old ones; A-3 kept
        // its own).
        Assert.True(outcome.ChangesRecorded);
        Assert.Equal([StagingTables.Seeds(run)], await ListAsync("SELECT relname FROM pg_class WHERE relname LIKE 'stage\\_%'"));
        Assert.Equal(["sms:student:-:022312001234:2200184213", "sms:student:-:022312009999:2200180000", "sms:student:A-1:-:-"], await ListAsync(Seeds));

        // The table is made from the query; its keys keep the stored records' byte-order collation, which the reconcile's
        // lookups need to use their indexes.
        Assert.Equal(["digits:C", "moet_code:C", "person_kind:C", "source:C", "source_key:C"], await ListAsync(
            $"""
            SELECT a.attname || ':' || c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
             WHERE a.attrelid = '{StagingTables.Seeds(run)}'::regclass AND a.attnum > 0 ORDER BY 1
            """));

        // A re-run batch applied before the run's reconcile took them adds its changes to the ones waiting.
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded");
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-2", "A", run, Later, "newer");
        Assert.True((await ApplyAsync()).ChangesRecorded);
        Assert.Equal(["sms:student:-:022312001234:2200184213", "sms:student:-:022312009999:2200180000", "sms:student:A-1:-:-", "sms:student:A-2:-:-"],
            await ListAsync(Seeds));
    }

    private string Seeds =>
        $"SELECT concat_ws(':', source, person_kind, COALESCE(source_key, '-'), COALESCE(digits, '-'), COALESCE(moet_code, '-')) FROM {StagingTables.Seeds(run)} ORDER BY 1";

    [Fact]
    public async Task Full_school_run_merges_and_drops_only_what_that_school_listing_no_longer_holds()
    {
        await InsertRunAsync("full", school: "A");
        await InsertPersonAsync("person_records", "sms", "A-1", "A", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "sms", "A-2", "A", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "national", "N-1", "A", previousRun, Earlier, "old");
        await InsertPersonAsync("person_records", "sms", "C-1", "C", previousRun, Earlier, "old");
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded");
        await InsertPullAsync("NationalStudents", "national", "A", "failed");
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Earlier, "new");

        var outcome = await ApplyAsync();

        Assert.False(outcome.Replaced);
        Assert.Equal(["national:N-1:A:old", "sms:A-1:A:new", "sms:C-1:C:old"],
            await ListAsync("SELECT source || ':' || source_key || ':' || school_code || ':' || full_name FROM person_records ORDER BY 1"));
    }

    [Fact]
    public async Task Apply_while_a_re_run_batch_is_still_pulling_empties_the_staging_tables_and_keeps_them()
    {
        await InsertRunAsync("full", school: null);
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded", applied: true);
        await InsertPullAsync("SmsStudents", "sms", "B", "succeeded");
        await InsertPullAsync("SmsStaff", "sms", "B", "running");
        await InsertPersonAsync("person_records", "sms", "B-1", "B", previousRun, Earlier, "old");
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "B-2", "B", run, Earlier, "re-run");

        var outcome = await ApplyAsync();

        // Applied before, so this is a merge; the re-run listing of B was full, so B-1 is gone.
        Assert.False(outcome.Replaced);
        Assert.Equal(1, outcome.PullsApplied);
        Assert.Equal(["sms:B-2:B:re-run"],
            await ListAsync("SELECT source || ':' || source_key || ':' || school_code || ':' || full_name FROM person_records ORDER BY 1"));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {StagingTables.Persons(run)}"));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {StagingTables.HealthExams(run)}"));
    }

    [Fact]
    public async Task An_index_a_replace_deferred_and_never_built_is_built_by_the_next_apply_before_it_merges()
    {
        var definitionsBefore = await ListAsync(IndexDefinitions);
        await ExecuteAsync("DROP INDEX ix_person_records_school_code_source");
        await ExecuteAsync(
            """
            INSERT INTO deferred_indexes (name, table_name, definition, deferred_at)
            VALUES ('ix_person_records_school_code_source', 'person_records',
                    'CREATE INDEX IF NOT EXISTS ix_person_records_school_code_source ON person_records USING btree (school_code, source)', now())
            """);
        await InsertRunAsync("incremental", school: null);
        await InsertPullAsync("SmsStudents", "sms", "A", "succeeded");
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(run), "sms", "A-1", "A", run, Earlier, "new");

        var outcome = await ApplyAsync();

        Assert.False(outcome.IndexesDeferred);
        Assert.Equal(definitionsBefore, await ListAsync(IndexDefinitions));
        Assert.Empty(await ListAsync("SELECT name FROM deferred_indexes"));
    }

    // Each index up to its predicate, and whether it has one: PostgreSQL prints a rebuilt predicate with its casts spelled out
    // differently ("IN ('sms', 'national')" either way).
    private const string IndexDefinitions =
        """
        SELECT split_part(indexdef, ' WHERE ', 1) || CASE WHEN indexdef LIKE '% WHERE %' THEN ' (partial)' ELSE '' END
          FROM pg_indexes WHERE tablename IN ('person_records', 'health_exams') ORDER BY indexname
        """;

    private Task<ApplyOutcome> ApplyAsync() =>
        new StagedRecordsApplier(dataSource, new PullQueue(dataSource, Options.Create(new SyncOptions()), TimeProvider.System), NullLogger<StagedRecordsApplier>.Instance).ApplyAsync(run, CancellationToken.None);

    private Task InsertRunAsync(string mode, string? school) => ExecuteAsync(
        """
        INSERT INTO sync_runs (id, mode, school_code, status, requested_by, requested_at, pulls_total, counts)
        VALUES (@run, @mode, @school, 'running', 'test', now(), 0, '{}')
        """, ("run", run), ("mode", mode), ("school", (object?)school ?? DBNull.Value));

    private Task InsertPullAsync(string dataset, string source, string school, string status, bool applied = false) => ExecuteAsync(
        """
        INSERT INTO pulls (run_id, dataset, source, school_code, status, exhausted, pages, received, stored, quarantined, as_of, applied_at)
        VALUES (@run, @dataset, @source, @school, @status, true, 1, 0, 0, 0, now(), CASE WHEN @applied THEN now() END)
        """, ("run", run), ("dataset", dataset), ("source", source), ("school", school), ("status", status), ("applied", applied));

    private Task InsertPersonAsync(
        string table, string source, string key, string school, Guid runId, DateTimeOffset storedAt, string name, string? digits = null,
        string? moetCode = null) => ExecuteAsync(
        $"""
        INSERT INTO {table} (source, person_kind, source_key, school_code, id_present, personal_id_digits, moet_code, full_name,
                             full_name_key, date_of_birth, gender, status, is_active, updated_at, last_run_id, stored_at)
        VALUES (@source, 'student', @key, @school, @digits::text IS NOT NULL, @digits::text, @moet::text, @name, lower(@name), '2012-03-09', 'female',
                'studying', true, @at, @runId, @at)
        """, ("source", source), ("key", key), ("school", school), ("name", name), ("at", storedAt), ("runId", runId),
        ("digits", (object?)digits ?? DBNull.Value), ("moet", (object?)moetCode ?? DBNull.Value));

    private Task InsertExamAsync(string table, string examId, string school, Guid runId) => ExecuteAsync(
        $"""
        INSERT INTO {table} (exam_id, student_key, school_code, exam_date, findings, updated_at, last_run_id)
        VALUES (@exam, 'S-1', @school, '2026-09-20', '[]', now(), @runId)
        """, ("exam", examId), ("school", school), ("runId", runId));

    private Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => SqlRows.ExecuteAsync(dataSource, sql, parameters);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<List<string>> ListAsync(string sql) => SqlRows.ListAsync(dataSource, sql);
}
