using DigitalEdu.Sync.Persistence.Entities;
using Hangfire;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// The run's bookkeeping around its pulls: a pull that ends without its last page, the re-reconcile after a re-run batch, and
/// the single reconcile once no pull is left. A pull that succeeds is ended with its last page (<see cref="Persistence.PageWriter"/>).
/// <para>
/// Nothing here writes the run's own row while its pulls are being worked: a counter on it, updated by every pull's end, made
/// all lanes queue behind one row lock.
/// </para>
/// </summary>
public sealed class RunProgress(IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Ends a pull whose page failed every attempt; its earlier pages stay staged.</summary>
    public async Task FailPullAsync(NpgsqlConnection connection, long pullId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE pulls SET status = 'failed', finished_at = @now WHERE id = @id", connection);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("id", pullId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A pull of a run that was reconciled already (a re-run batch) has the school it concerns reconciled again.</summary>
    public void PullOfReconciledRunEnded(Pull pull) =>
        jobs.Enqueue<ReconcileJob>(job => job.RunAsync(pull.RunId, pull.SchoolCode, CancellationToken.None));

    /// <summary>
    /// Enqueues the run's reconcile when no pull is queued or running. Lanes call it when they find nothing left to claim, so
    /// the lane that ends the last pull sees every other end committed; a pull job re-delivered after its worker died does the
    /// same. Two lanes ending together may both enqueue; the reconcile job runs once per run all the same.
    /// </summary>
    public async Task EnqueueReconcileIfCompleteAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            """
            SELECT r.reconciled_at IS NULL AND r.reconcile_enqueued_at IS NULL AND r.status = 'running'
                   AND NOT EXISTS (SELECT 1 FROM pulls p WHERE p.run_id = r.id AND p.status IN ('queued', 'running'))
              FROM sync_runs r WHERE r.id = @run
            """, connection);
        check.Parameters.AddWithValue("run", runId);
        if (await check.ExecuteScalarAsync(cancellationToken) is true)
        {
            jobs.Enqueue<ReconcileJob>(job => job.RunAsync(runId, null, CancellationToken.None));
            await using var enqueued = new NpgsqlCommand(
                "UPDATE sync_runs SET reconcile_enqueued_at = COALESCE(reconcile_enqueued_at, @now) WHERE id = @run", connection);
            enqueued.Parameters.AddWithValue("now", clock.GetUtcNow());
            enqueued.Parameters.AddWithValue("run", runId);
            await enqueued.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
