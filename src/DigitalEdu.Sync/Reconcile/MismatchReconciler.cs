using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Reconcile;

/// <summary>What one reconcile changed.</summary>
public sealed record ReconcileOutcome(int Found, int New, int Reopened, int Resolved);

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
        var records = schoolCode is null ? "person_records" : "rc_records";
        var preparation = schoolCode is null
            ? new[] { ReconcileSql.Settings, ReconcileSql.ProvinceStatistics }
            : new[] { ReconcileSql.Settings, ReconcileSql.SchoolScope };
        foreach (var sql in preparation.Concat([ReconcileSql.DuplicatesAndHeld, ReconcileSql.Pairs, ReconcileSql.Findings]))
        {
            await ExecuteAsync(connection, transaction, sql.Replace(ReconcileSql.RecordsPlaceholder, records, StringComparison.Ordinal),
                runId, schoolCode, incompleteSchools, now, cancellationToken);
        }

        var found = await ScalarAsync(connection, transaction,
            "SELECT count(*) FROM rc_found WHERE @school IS NULL OR school_code = @school", runId, schoolCode, incompleteSchools, now, cancellationToken);

        foreach (var sql in new[] { ReconcileSql.Reopen, ReconcileSql.Upsert, ReconcileSql.Resolve, ReconcileSql.Coverage })
        {
            await ExecuteAsync(connection, transaction, sql.Replace(ReconcileSql.RecordsPlaceholder, records, StringComparison.Ordinal),
                runId, schoolCode, incompleteSchools, now, cancellationToken);
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
            changes.GetValueOrDefault("not_found"));
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid runId, string? schoolCode,
        IReadOnlyCollection<string> incompleteSchools, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, runId, schoolCode, incompleteSchools, now);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
