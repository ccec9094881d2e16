using System.Diagnostics;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Reconcile;

/// <summary>What one reconcile changed, and how long each of its steps took (milliseconds, by step name).</summary>
public sealed record ReconcileOutcome(int Found, int New, int Reopened, int Resolved, IReadOnlyDictionary<string, long> StepMilliseconds);

/// <summary>
/// What a reconcile covers: the province, one school (a school run), or what an incremental run changed and whatever is
/// linked to it (<see cref="ReconcileSql.ChangedScope"/>). <see cref="Analyzed"/>: the apply just analysed the stored tables
/// it replaced, so the province reconcile need not (and must not hold the lock ANALYZE takes, which the deferred index
/// builds running alongside it would wait for).
/// </summary>
public sealed record ReconcileScope(string? SchoolCode, bool ChangedOnly, bool Analyzed = false)
{
    public static readonly ReconcileScope Province = new(null, false);

    public static readonly ReconcileScope ProvinceReplaced = new(null, false, Analyzed: true);

    public bool IsProvince => SchoolCode is null && !ChangedOnly;

    /// <summary>Its working tables are unlogged tables in a schema of their own, readable by parallel workers (all but a school's).</summary>
    public bool UsesWorkingSchema => SchoolCode is null;

    public static ReconcileScope School(string schoolCode) => new(schoolCode, false);

    public static readonly ReconcileScope Changed = new(null, true);
}

/// <summary>
/// Diffs the stored records of the three sources and brings the mismatch items in line, in one transaction.
/// A school scope narrows what is published and resolved to one school; a changed scope to the persons an incremental run
/// changed, and it leaves the coverage figures to the next full or school run (they count whole schools).
/// </summary>
public sealed class MismatchReconciler(NpgsqlDataSource dataSource)
{
    /// <param name="paired">Called once the pairs are built: the steps after them leave a core free for a while (the item upsert
    /// runs in one process), which the replaced tables' index builds can take.</param>
    public async Task<ReconcileOutcome> ReconcileAsync(
        Guid runId, ReconcileScope scope, IReadOnlyCollection<string> incompleteSchools, CancellationToken cancellationToken,
        Action? paired = null, IReadOnlyCollection<string>? pausedSources = null)
    {
        var held = new Evidence(incompleteSchools, [.. pausedSources ?? []], [.. MismatchKinds.Comparing(pausedSources ?? [])]);
        var now = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A school or incremental run reconciles only the records that can bear on its items (see ReconcileSql.SchoolScope and
        // ChangedScope), so it costs about the same in a province of any size; a province run reads the table itself.
        var schoolCode = scope.SchoolCode;
        var workingSchema = "reconcile_" + Guid.NewGuid().ToString("N");
        var steps = new List<(string Name, string Sql)> { ("settings", ReconcileSql.Open(scope, workingSchema)) };
        switch (scope)
        {
            case { SchoolCode: not null }:
                steps.Add(("school_scope", ReconcileSql.SchoolScope));
                break;
            case { ChangedOnly: true }:
                steps.Add(("changed_scope", ReconcileSql.ChangedScope));
                break;
            case { Analyzed: false }:
                steps.Add(("statistics", ReconcileSql.ProvinceStatistics));
                break;
        }

        steps.AddRange(
        [
            ("duplicates", ReconcileSql.DuplicatesAndHeld),
            ("pairs", ReconcileSql.Pairs),
            ("findings", ReconcileSql.WithConstantRowLoops(ReconcileSql.Findings, scope)),
            ("turnover", ReconcileSql.Turnover(scope)),
        ]);
        var timings = new Dictionary<string, long>();
        foreach (var (name, sql) in steps)
        {
            await StepAsync(connection, transaction, name, ReconcileSql.Prepare(sql, runId, scope), runId, schoolCode, held, now, timings, cancellationToken);
            if (name == "pairs")
            {
                paired?.Invoke();
            }
        }

        var found = await ScalarAsync(connection, transaction,
            "SELECT count(*) FROM rc_found WHERE @school IS NULL OR school_code = @school", runId, schoolCode, held, now, cancellationToken);

        var publish = new List<(string Name, string Sql)>();
        if (schoolCode is not null)
        {
            publish.Add(("moved_from", ReconcileSql.MovedFrom));
        }

        publish.AddRange([("reopen", ReconcileSql.Reopen), ("upsert", ReconcileSql.UpsertFor(scope)), ("resolve", ReconcileSql.Resolve),
            ("open_counts", ReconcileSql.RecountOpenItems(scope))]);
        if (!scope.ChangedOnly)
        {
            publish.Add(("coverage", ReconcileSql.Coverage));
            if (scope.IsProvince)
            {
                publish.Add(("coverage_rollup", ReconcileSql.RunCoverageRollup));
            }
        }

        foreach (var (name, sql) in publish)
        {
            await StepAsync(connection, transaction, name, ReconcileSql.Prepare(sql, runId, scope), runId, schoolCode, held, now, timings, cancellationToken);
        }

        var changes = new Dictionary<string, int>();
        await using (var command = new NpgsqlCommand(
            "SELECT reason, count(*)::int FROM mismatch_events WHERE run_id = @run AND at = @now GROUP BY reason", connection, transaction))
        {
            command.Parameters.AddWithValue("run", runId);
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        await using (var drop = new NpgsqlCommand(ReconcileSql.Close(scope, workingSchema), connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReconcileOutcome(
            (int)found,
            changes.GetValueOrDefault("found"),
            changes.GetValueOrDefault("found_again"),
            changes.GetValueOrDefault("not_found"),
            timings);
    }

    /// <summary>One step, as its own span under the reconcile's, so a slow step shows by name in a trace and in the run's figures.</summary>
    private static async Task StepAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string sql, Guid runId, string? schoolCode,
        Evidence held, DateTimeOffset now, Dictionary<string, long> timings, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.ActivitySource.StartActivity("sync.reconcile." + name);
        var started = Stopwatch.GetTimestamp();
        await using var command = CreateCommand(connection, transaction, sql, runId, schoolCode, held, now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        timings[name] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<long> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid runId, string? schoolCode,
        Evidence held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, runId, schoolCode, held, now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlCommand CreateCommand(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid runId, string? schoolCode,
        Evidence held, DateTimeOffset now)
    {
        // Reconciling a province is one long statement batch; the default 30 s command timeout is for small queries.
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.Add(new NpgsqlParameter<string?>("school", NpgsqlDbType.Text) { TypedValue = schoolCode });
        command.Parameters.AddWithValue("incomplete", held.IncompleteSchools.ToArray());
        command.Parameters.AddWithValue("paused", held.PausedSources);
        command.Parameters.AddWithValue("held_kinds", held.HeldKinds);
        command.Parameters.AddWithValue("now", now);
        return command;
    }
}

/// <summary>
/// What the run's evidence does not cover: schools whose pulls did not all succeed, and paused sources with the kinds that
/// compare with them. Items there are neither resolved (absence proves nothing) nor reopened (a paused source's records are stale).
/// </summary>
internal sealed record Evidence(IReadOnlyCollection<string> IncompleteSchools, string[] PausedSources, string[] HeldKinds);
