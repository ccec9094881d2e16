using DigitalEdu.Data;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>
/// An incremental run reconciles only what it changed and what is linked to that (ReconcileSql.ChangedScope). Its items must be
/// the ones a reconcile of the whole province gives over the same records, however far the links reach: through a record's
/// digits, then another record's MOET code, then that one's digits, and through the keys a record held before the change.
/// </summary>
public sealed class ChangedScopeReconcileTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddHours(1);

    private readonly Guid fullRun = Guid.CreateVersion7();
    private readonly Guid incrementalRun = Guid.CreateVersion7();
    private readonly Guid checkRun = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("scope");
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Incremental_reconcile_follows_every_link_and_ends_where_a_province_reconcile_ends()
    {
        // A chain that only a walk of three steps covers: E's digits lead to the national record X, whose MOET code is the SMS
        // record F's, whose digits lead to the national record Y. Only E changes (its name).
        await InsertPersonAsync("person_records", "sms", "E", "701", "022312000005", "2200000005", "Nguyen Van E", fullRun);
        await InsertPersonAsync("person_records", "national", "2200000006", "701", "022312000005", "2200000006", "Nguyen Van E", fullRun);
        await InsertPersonAsync("person_records", "sms", "F", "702", "022312000007", "2200000006", "Tran Thi F", fullRun);
        await InsertPersonAsync("person_records", "national", "2200000007", "702", "022312000007", "2200000007", "Tran Thi F", fullRun);

        // A pair whose SMS record takes another pupil's digits (a typing slip): it leaves its pair and joins a duplicate group.
        await InsertPersonAsync("person_records", "sms", "A", "701", "022312000001", "2200000001", "Le Van A", fullRun);
        await InsertPersonAsync("person_records", "national", "2200000001", "701", "022312000001", "2200000001", "Le Van A", fullRun);
        await InsertPersonAsync("person_records", "sms", "B", "703", "022312000002", "2200000002", "Pham Thi B", fullRun);
        await InsertPersonAsync("person_records", "national", "2200000002", "703", "022312000002", "2200000002", "Pham Thi B", fullRun);

        // Untouched and unlinked: a reconcile of the changes must leave its items as they are.
        await InsertPersonAsync("person_records", "sms", "G", "704", "022312000009", "2200000009", "Do Van G", fullRun);
        await InsertPersonAsync("person_records", "national", "2200000009", "704", "022312000009", "2200000009", "Do Van Gi", fullRun);

        await InsertRunAsync(fullRun, "full");
        await ReconcileAsync(fullRun, ReconcileScope.Province);
        var afterFull = await OpenItemsAsync();

        await InsertRunAsync(incrementalRun, "incremental");
        await InsertPullAsync(incrementalRun);
        await StagingTables.CreateAsync(dataSource, incrementalRun, CancellationToken.None);
        await InsertPersonAsync(StagingTables.Persons(incrementalRun), "sms", "E", "701", "022312000005", "2200000005", "Nguyen Van Em", incrementalRun);
        await InsertPersonAsync(StagingTables.Persons(incrementalRun), "sms", "A", "701", "022312000002", "2200000001", "Le Van A", incrementalRun);

        // A new entrant with neither a personal ID nor a MOET code yet: found by its key, since it shares nothing to be found by.
        await InsertPersonAsync(StagingTables.Persons(incrementalRun), "sms", "H", "704", null, null, "Vu Thi H", incrementalRun);
        Assert.True((await new StagedRecordsApplier(dataSource, new PullQueue(dataSource, Options.Create(new SyncOptions()), TimeProvider.System), NullLogger<StagedRecordsApplier>.Instance)
            .ApplyAsync(incrementalRun, CancellationToken.None)).ChangesRecorded);
        await ExecuteAsync($"CREATE TABLE seeds_as_applied AS SELECT * FROM {StagingTables.Seeds(incrementalRun)}");

        var outcome = await ReconcileAsync(incrementalRun, ReconcileScope.Changed);
        var afterIncremental = await OpenItemsAsync();

        // The changes did change items (E's name, A's duplicate and lost pair, H's missing ID), and reached every record of
        // both chains.
        Assert.NotEqual(afterFull, afterIncremental);
        Assert.Contains("changed_scope", outcome.StepMilliseconds.Keys);
        Assert.Equal(
            ["national:2200000001", "national:2200000002", "national:2200000006", "national:2200000007", "sms:A", "sms:B", "sms:E", "sms:F", "sms:H"],
            await WorkingSetAsync());
        Assert.Contains(afterIncremental, item => item.StartsWith("id_missing|student|sms:H|", StringComparison.Ordinal));
        Assert.Contains(afterFull, item => item.StartsWith("field_mismatch|student|", StringComparison.Ordinal) && item.Contains("Do Van Gi", StringComparison.Ordinal));

        await InsertRunAsync(checkRun, "full");
        await ReconcileAsync(checkRun, ReconcileScope.Province);
        Assert.Equal(afterIncremental, await OpenItemsAsync());
    }

    private async Task<ReconcileOutcome> ReconcileAsync(Guid runId, ReconcileScope scope) =>
        await new MismatchReconciler(dataSource).ReconcileAsync(runId, scope, [], CancellationToken.None);

    /// <summary>
    /// The persons whose records the changed scope took, read back by running its statement again in a transaction of our own
    /// over a copy of the seeds the apply left (the reconcile dropped them, so the test kept a copy).
    /// </summary>
    private async Task<List<string>> WorkingSetAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var seeds = StagingTables.Seeds(incrementalRun);
        var sql = $"""
            CREATE TABLE {seeds} AS SELECT * FROM seeds_as_applied;
            """ + ReconcileSql.Prepare(ReconcileSql.ChangedScope, incrementalRun, ReconcileScope.Changed);
        await using (var scope = new NpgsqlCommand(sql, connection, transaction))
        {
            await scope.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT person_ref FROM rc_refs ORDER BY 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var refs = new List<string>();
        while (await reader.ReadAsync())
        {
            refs.Add(reader.GetString(0));
        }

        return refs;
    }

    private Task<List<string>> OpenItemsAsync() => SqlRows.ListAsync(dataSource,
        """
        SELECT concat_ws('|', kind, person_kind, person_ref, field_key, side, status, school_code, sms_key, moet_code,
                         sms_value, national_value, provincial_value)
          FROM mismatches WHERE status <> 'resolved' ORDER BY 1
        """);

    private Task InsertRunAsync(Guid runId, string mode) => ExecuteAsync(
        """
        INSERT INTO sync_runs (id, mode, status, requested_by, requested_at, pulls_total, counts)
        VALUES (@run, @mode, 'running', 'test', now(), 0, '{}')
        """, ("run", runId), ("mode", mode));

    private Task InsertPullAsync(Guid runId) => ExecuteAsync(
        """
        INSERT INTO pulls (run_id, dataset, source, school_code, status, exhausted, pages, received, stored, quarantined, as_of)
        VALUES (@run, 'SmsStudents', 'sms', '701', 'succeeded', true, 1, 2, 2, 0, now())
        """, ("run", runId));

    private Task InsertPersonAsync(
        string table, string source, string key, string school, string? digits, string? moetCode, string name, Guid runId) => ExecuteAsync(
        $"""
        INSERT INTO {table} (source, person_kind, source_key, school_code, personal_id_raw, id_present, personal_id_digits, moet_code,
                             full_name, full_name_key, date_of_birth, gender, grade, class_name, status, is_active, updated_at,
                             last_run_id, stored_at)
        VALUES (@source, 'student', @key, @school, CAST(@digits AS text), CAST(@digits AS text) IS NOT NULL, @digits, CAST(@moet AS text),
                @name, lower(@name), '2012-03-09', 'female', 6, '6A', 'studying', true, @at, @runId, @at)
        """, ("source", source), ("key", key), ("school", school), ("digits", (object?)digits ?? DBNull.Value),
        ("moet", (object?)moetCode ?? DBNull.Value), ("name", name), ("runId", runId), ("at", runId == fullRun ? Earlier : Later));

    private Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters) => SqlRows.ExecuteAsync(dataSource, sql, parameters);
}
