using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Sync.Persistence.Entities;
using Hangfire;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// The run's bookkeeping when a pull ends: its status, what a full snapshot proves absent, the incremental watermark,
/// the run's counter, and the single reconcile once the last pull is done.
/// </summary>
public sealed class RunProgress(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Ends a pull on a connection the caller holds open (a pull lane keeps one for all its pulls).</summary>
    public async Task FinishPullAsync(NpgsqlConnection connection, long pullId, bool failed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        PullRow pull;
        await using (var select = new NpgsqlCommand(
            """
            SELECT p.run_id, p.dataset, p.school_code, p.as_of, p.finished_at IS NULL, r.mode, r.reconciled_at IS NOT NULL
              FROM pulls p JOIN sync_runs r ON r.id = p.run_id
             WHERE p.id = @id FOR UPDATE OF p
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("id", pullId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            pull = new PullRow(reader.GetGuid(0), Enum.Parse<Dataset>(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetString(5), reader.GetBoolean(6));
        }

        await ExecuteAsync(connection, transaction,
            "UPDATE pulls SET status = @status, finished_at = @now WHERE id = @id",
            cancellationToken, ("status", failed ? PullStatus.Failed : PullStatus.Succeeded), ("now", now), ("id", pullId));

        if (!failed)
        {
            await RecordSnapshotAsync(connection, transaction, pull, now, cancellationToken);
        }

        if (pull.FirstFinish)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE sync_runs SET pulls_finished = pulls_finished + 1 WHERE id = @run", cancellationToken, ("run", pull.RunId));
        }

        await transaction.CommitAsync(cancellationToken);

        if (pull.RunReconciled)
        {
            // A re-run batch of a finished run: reconcile the school it concerns again.
            jobs.Enqueue<ReconcileJob>(job => job.RunAsync(pull.RunId, pull.SchoolCode, CancellationToken.None));
        }
        else
        {
            await EnqueueReconcileIfCompleteAsync(connection, pull.RunId, cancellationToken);
        }
    }

    /// <summary>
    /// Enqueues the run's reconcile when every pull has ended. It may enqueue twice when two pulls end together;
    /// the reconcile job runs once per run all the same.
    /// </summary>
    public async Task EnqueueReconcileIfCompleteAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnqueueReconcileIfCompleteAsync(connection, runId, cancellationToken);
    }

    private async Task EnqueueReconcileIfCompleteAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            "SELECT pulls_finished >= pulls_total AND reconciled_at IS NULL AND status = 'running' FROM sync_runs WHERE id = @run", connection);
        check.Parameters.AddWithValue("run", runId);
        if (await check.ExecuteScalarAsync(cancellationToken) is true)
        {
            jobs.Enqueue<ReconcileJob>(job => job.RunAsync(runId, null, CancellationToken.None));
            await ExecuteAsync(connection, null,
                "UPDATE sync_runs SET reconcile_enqueued_at = COALESCE(reconcile_enqueued_at, @now) WHERE id = @run",
                cancellationToken, ("now", clock.GetUtcNow()), ("run", runId));
        }
    }

    private static async Task RecordSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PullRow pull, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pull.Mode == SyncMode.Full && pull.SchoolCode != Pull.WholeProvince)
        {
            // Presence is authoritative only in a full snapshot: what this school's listing no longer holds is gone.
            var sql = pull.Dataset == Dataset.SmsHealthExams
                ? "DELETE FROM health_exams WHERE school_code = @school AND last_run_id <> @run"
                : "DELETE FROM person_records WHERE source = @source AND person_kind = @kind AND school_code = @school AND last_run_id <> @run";
            await ExecuteAsync(connection, transaction, sql, cancellationToken,
                ("school", pull.SchoolCode), ("run", pull.RunId),
                ("source", Persistence.StoredPersonMapping.ToWire(pull.Dataset.Source())),
                ("kind", Persistence.StoredPersonMapping.ToWire(pull.Dataset.PersonKind())));
        }

        if (pull.AsOf is { } asOf)
        {
            await ExecuteAsync(connection, transaction,
                """
                INSERT INTO sync_watermarks (dataset, school_code, as_of) VALUES (@dataset, @school, @asOf)
                ON CONFLICT (dataset, school_code) DO UPDATE SET as_of = GREATEST(sync_watermarks.as_of, excluded.as_of)
                """,
                cancellationToken, ("dataset", pull.Dataset.ToString()), ("school", pull.SchoolCode), ("asOf", asOf));
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record PullRow(
        Guid RunId, Dataset Dataset, string SchoolCode, DateTimeOffset? AsOf, bool FirstFinish, string Mode, bool RunReconciled);
}
