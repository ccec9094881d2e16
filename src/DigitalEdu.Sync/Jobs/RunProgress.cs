using DigitalEdu.Data.Entities;
using DigitalEdu.Sync.Queue;
using Hangfire;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// The run's reconciles as its pulls end: the school's again after a re-run batch, and the single reconcile once no pull is left. A pull that succeeds is ended with its last page (<see cref="Staging.PageWriter"/>).
/// <para>
/// Nothing here writes the run's own row while its pulls are being worked: a counter on it, updated by every pull's end, made
/// all lanes queue behind one row lock.
/// </para>
/// </summary>
public sealed class RunProgress(IBackgroundJobClient jobs, PullQueue queue)
{
    /// <summary>A pull of a run that was reconciled already (a re-run batch) has the school it concerns reconciled again.</summary>
    public void PullOfReconciledRunEnded(Pull pull) =>
        jobs.Enqueue<ReconcileJob>(job => job.RunAsync(pull.RunId, pull.SchoolCode, CancellationToken.None));

    /// <summary>
    /// Enqueues the run's reconcile when no pull is queued or running. Lanes call it when they find nothing left to claim, so
    /// the lane that ends the last pull sees every other end committed; a pull job re-delivered after its worker died does the
    /// same. Two lanes ending together may both enqueue; the reconcile job runs once per run all the same.
    /// </summary>
    public Task EnqueueReconcileIfCompleteAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken) =>
        queue.EnqueueReconcileIfCompleteAsync(
            connection, runId, () => jobs.Enqueue<ReconcileJob>(job => job.RunAsync(runId, null, CancellationToken.None)), cancellationToken);
}
