using System.Text.Json;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Drift;
using DigitalEdu.Sync.Notifications;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Sync.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// Reconciles once all pulls of a run have ended, then closes the run with its status and figures.
/// With a school code it re-reconciles that school after a re-run batch.
/// </summary>
public sealed partial class ReconcileJob(
    DigitalEduDbContext db,
    NpgsqlDataSource dataSource,
    PullQueue queue,
    StagedRecordsApplier applier,
    DeferredIndexes deferredIndexes,
    MismatchReconciler reconciler,
    TimeProvider clock,
    SyncTelemetry telemetry,
    NotificationPublisher notifications,
    CodeDriftRecorder drift,
    ILogger<ReconcileJob> logger)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(250);

    public async Task RunAsync(Guid runId, string? schoolCode, CancellationToken cancellationToken)
    {
        // One reconcile at a time per database: two at once would race on the same items. Re-run batches end school
        // reconciles close together, so wait for the other one; a Hangfire retry would come back only after 15 s or more.
        var waitUntil = clock.GetUtcNow() + LockWait;
        AdvisoryLock? acquired;
        while ((acquired = await AdvisoryLock.TryAcquireAsync(dataSource, AdvisoryLock.Spaces.Reconcile, 0, cancellationToken)) is null)
        {
            if (clock.GetUtcNow() > waitUntil)
            {
                throw new InvalidOperationException("Another reconcile is running; Hangfire will retry this one.");
            }

            await Task.Delay(LockPoll, clock, cancellationToken);
        }

        await using var reconcileLock = acquired;

        // Pull jobs ending together may each enqueue the run's reconcile; the ones after the first are no-ops and leave no span.
        var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        if (schoolCode is null && run.ReconciledAt is not null)
        {
            return;
        }

        using var activity = SyncTelemetry.StartReconcile(runId, schoolCode);
        using var scope = SyncTelemetry.BeginRunScope(logger, runId);

        var pulls = await queue.PullsOfRunAsync(runId, cancellationToken);
        var incomplete = pulls.Where(p => p.Status != PullStatus.Succeeded).Select(p => p.SchoolCode).Distinct().ToList();
        if (incomplete.Contains(Pull.WholeProvince))
        {
            // A province-wide listing that did not finish leaves every school without full evidence.
            incomplete = pulls.Select(p => p.SchoolCode).Where(s => s != Pull.WholeProvince).Distinct().ToList();
        }

        // What the pulls staged goes into the stored records first, under the same lock: applies and reconciles never interleave.
        var applied = await applier.ApplyAsync(runId, cancellationToken);

        // A re-run batch reconciles the run's whole scope again, not only its school: a pupil who moved between schools pairs
        // records of two schools, and items found while another school's pull had failed must be resolved there too.
        var reconcileScope = run.SchoolCode is { } school ? ReconcileScope.School(school)
            : run.Mode == SyncMode.Incremental && applied.ChangesRecorded ? ReconcileScope.Changed
            : applied.Replaced ? ReconcileScope.ProvinceReplaced
            : ReconcileScope.Province;

        // A replaced table's secondary indexes are built alongside the reconcile, which needs none of them; both end before the
        // lock goes, so the next apply or reconcile finds the table whole. The builds wait for the reconcile's pairs (or its
        // end, should it fail first): up to there its statements keep both cores busy in parallel workers, after them its
        // item upsert runs in one process and leaves a core to the builds.
        var paired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciling = reconciler.ReconcileAsync(runId, reconcileScope, incomplete, cancellationToken, () => paired.TrySetResult(), run.PausedSources);
        var indexing = applied.IndexesDeferred ? BuildIndexesAsync(Task.WhenAny(paired.Task, reconciling), cancellationToken) : Task.FromResult(TimeSpan.Zero);
        await Task.WhenAll(indexing, reconciling);
        var outcome = await reconciling;
        var indexesBuilt = await indexing;
        var drifted = await drift.RecordStoredAsync(runId, cancellationToken);

        var failedPulls = pulls.Count(p => p.Status == PullStatus.Failed);
        run.Status = failedPulls == 0 ? SyncRunStatus.Succeeded
            : failedPulls == pulls.Count ? SyncRunStatus.Failed
            : SyncRunStatus.PartiallyFailed;
        run.ReconciledAt ??= clock.GetUtcNow();
        run.FinishedAt = clock.GetUtcNow();
        run.Counts = JsonSerializer.Serialize(await CountAsync(run, pulls, applied, outcome, indexesBuilt, cancellationToken), JsonSerializerOptions.Web);
        await queue.CloseRunAsync(runId, run.Status, run.Counts, cancellationToken);
        LogReconciled(logger, runId, run.Status, outcome.Found, outcome.New, outcome.Resolved);

        // A school re-reconciled after a re-run batch is not the run's end: it neither counts nor notifies again.
        await telemetry.ReconciledAsync(run.Status, runEnded: schoolCode is null, drifted, cancellationToken);
        if (schoolCode is null)
        {
            await notifications.RunEndedAsync(run, [.. drifted.Where(c => c.FirstSeen)], cancellationToken);
        }
    }

    private async Task<RunCounts> CountAsync(
        SyncRun run, IReadOnlyList<Pull> pulls, ApplyOutcome applied, ReconcileOutcome outcome, TimeSpan indexesBuilt, CancellationToken cancellationToken)
    {
        var batches = await queue.BatchCountsAsync(run.Id, cancellationToken);
        var bySource = pulls.GroupBy(p => p.Source).ToDictionary(
            g => g.Key,
            g => new SourceCounts(g.Sum(p => p.Received), g.Sum(p => p.Stored), g.Sum(p => p.Quarantined),
                g.Count(p => p.Status == PullStatus.Failed)));
        // Every reconcile of a run covers its whole scope, so what it found is the latest figure; what changed adds up over
        // the run's reconciles (the first, and one after each re-run batch).
        var prior = JsonSerializer.Deserialize<RunCounts>(run.Counts, JsonSerializerOptions.Web)?.Items;
        var items = new ItemCounts(
            outcome.Found,
            (prior?.New ?? 0) + outcome.New,
            (prior?.Reopened ?? 0) + outcome.Reopened,
            (prior?.Resolved ?? 0) + outcome.Resolved);
        return new RunCounts(
            pulls.Count,
            pulls.Count(p => p.Status == PullStatus.Failed),
            batches.Values.Sum(),
            batches.GetValueOrDefault(BatchStatus.Failed),
            bySource,
            bySource.Values.Sum(s => s.Quarantined),
            items,
            Milliseconds(outcome, applied, indexesBuilt));
    }

    private async Task<TimeSpan> BuildIndexesAsync(Task start, CancellationToken cancellationToken)
    {
        await start;
        return await deferredIndexes.BuildAsync(cancellationToken);
    }

    /// <summary>The reconcile's steps, the apply, and the deferred index builds that ran alongside the reconcile (if any).</summary>
    private static Dictionary<string, long> Milliseconds(ReconcileOutcome outcome, ApplyOutcome applied, TimeSpan indexesBuilt)
    {
        var milliseconds = new Dictionary<string, long>(outcome.StepMilliseconds) { ["apply"] = (long)applied.Elapsed.TotalMilliseconds };
        if (applied.IndexesDeferred)
        {
            milliseconds["indexes_alongside"] = (long)indexesBuilt.TotalMilliseconds;
        }

        return milliseconds;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {Status}: {Found} items found, {New} new, {Resolved} resolved")]
    private static partial void LogReconciled(ILogger logger, Guid runId, string status, int found, int @new, int resolved);
}

/// <summary>
/// A run's figures. <see cref="Milliseconds"/> is how long the latest reconcile's steps took (the apply of the staged records
/// included), for an operator to see which part of a slow run was slow.
/// </summary>
public sealed record RunCounts(
    int Pulls, int PullsFailed, int Batches, int BatchesFailed,
    IReadOnlyDictionary<string, SourceCounts> Sources, int Quarantined, ItemCounts Items,
    IReadOnlyDictionary<string, long>? Milliseconds = null);

public sealed record SourceCounts(int Received, int Stored, int Quarantined, int PullsFailed);

public sealed record ItemCounts(int Found, int New, int Reopened, int Resolved);
