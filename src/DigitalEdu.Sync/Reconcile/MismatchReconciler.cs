using System.Diagnostics;
using DigitalEdu.Sync.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Reconcile;

/// <summary>What one reconcile changed, and how long each of its steps took (milliseconds, by step name).</summary>
public sealed record ReconcileOutcome(int Found, int New, int Reopened, int Resolved, IReadOnlyDictionary<string, long> StepMilliseconds);

/// <summary>
/// Diffs the stored records of the three sources and brings the mismatch items in line, in one transaction.
/// <paramref name="schoolCode"/> narrows what is published and resolved to one school (a school re-run).
/// </summary>
public sealed class MismatchReconciler(NpgsqlDataSource dataSource)
{
    public async Task<ReconcileOutcome> ReconcileAsync(
        Guid runId, string? schoolCode, IReadOnlyCollection<string> incompleteSchools, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A school run reconciles only the records that can bear on the school's items (see ReconcileSql.SchoolScope),
        // so it costs about the same in a province of any size; a province run reads the table itself.
        var province = schoolCode is null;
        var steps = new List<(string Name, string Sql)>
        {
            ("settings", ReconcileSql.Settings),
            province ? ("statistics", ReconcileSql.ProvinceStatistics) : ("school_scope", ReconcileSql.SchoolScope),
            ("duplicates", ReconcileSql.DuplicatesAndHeld),
            ("pairs", ReconcileSql.Pairs),
            ("findings", ReconcileSql.Findings),
        };
        var timings = new Dictionary<string, long>();
        foreach (var (name, sql) in steps)
        {
            await StepAsync(connection, transaction, name, Prepare(sql, province), runId, schoolCode, incompleteSchools, now, timings, cancellationToken);
        }

        var found = await ScalarAsync(connection, transaction,
            "SELECT count(*) FROM rc_found WHERE @school IS NULL OR school_code = @school", runId, schoolCode, incompleteSchools, now, cancellationToken);

        foreach (var (name, sql) in new[]
                 {
                     ("reopen", ReconcileSql.Reopen), ("upsert", ReconcileSql.Upsert), ("resolve", ReconcileSql.Resolve),
                     ("coverage", ReconcileSql.Coverage),
                 })
        {
            await StepAsync(connection, transaction, name, Prepare(sql, province), runId, schoolCode, incompleteSchools, now, timings, cancellationToken);
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

        await transaction.CommitAsync(cancellationToken);
        return new ReconcileOutcome(
            (int)found,
            changes.GetValueOrDefault("found"),
            changes.GetValueOrDefault("found_again"),
            changes.GetValueOrDefault("not_found"),
            timings);
    }

    private static string Prepare(string sql, bool province) => sql
        .Replace(ReconcileSql.RecordsPlaceholder, province ? "person_records" : "rc_records", StringComparison.Ordinal)
        .Replace(ReconcileSql.ExamsPlaceholder, province ? "" : ReconcileSql.SchoolExams, StringComparison.Ordinal);

    /// <summary>One step, as its own span under the reconcile's, so a slow step shows by name in a trace and in the run's figures.</summary>
    private static async Task StepAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string sql, Guid runId, string? schoolCode,
        IReadOnlyCollection<string> incompleteSchools, DateTimeOffset now, Dictionary<string, long> timings, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.ActivitySource.StartActivity("sync.reconcile." + name);
        var started = Stopwatch.GetTimestamp();
        await using var command = CreateCommand(connection, transaction, sql, runId, schoolCode, incompleteSchools, now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        timings[name] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<long> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid runId, string? schoolCode,
        IReadOnlyCollection<string> incompleteSchools, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, runId, schoolCode, incompleteSchools, now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlCommand CreateCommand(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid runId, string? schoolCode,
        IReadOnlyCollection<string> incompleteSchools, DateTimeOffset now)
    {
        // Reconciling a province is one long statement batch; the default 30 s command timeout is for small queries.
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.Add(new NpgsqlParameter<string?>("school", NpgsqlDbType.Text) { TypedValue = schoolCode });
        command.Parameters.AddWithValue("incomplete", incompleteSchools.ToArray());
        command.Parameters.AddWithValue("now", now);
        return command;
    }
}
