using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Drift;
using DigitalEdu.Sync.Notifications;
using DigitalEdu.Sync.Queue;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Sync.Telemetry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Sync.Jobs;

/// <summary>
/// Fans a run out: lists the province's schools, records one pull per (dataset, school) and enqueues the pull jobs that
/// work them (<see cref="DrainPullsJob"/>). Re-delivered after a crash, it enqueues them again if pulls are still queued.
/// </summary>
public sealed partial class PlanSyncRunJob(
    DigitalEduDbContext db,
    NpgsqlDataSource dataSource,
    PullQueue queue,
    ISchoolDirectory schools,
    CodeDriftRecorder drift,
    IBackgroundJobClient jobs,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    SyncTelemetry telemetry,
    NotificationPublisher notifications,
    ILogger<PlanSyncRunJob> logger)
{
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var planLock = await AdvisoryLock.TryAcquireAsync(dataSource, AdvisoryLock.Spaces.Plan, runId.GetHashCode(), cancellationToken);
        if (planLock is null)
        {
            return;
        }

        using var activity = SyncTelemetry.StartPlan(runId);
        using var scope = SyncTelemetry.BeginRunScope(logger, runId);
        var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status == SyncRunStatus.Queued)
        {
            try
            {
                await PlanAsync(run, cancellationToken);
                if (run.Status == SyncRunStatus.Failed)
                {
                    await RunFailedAsync(run, cancellationToken);
                }
            }
            catch (UpstreamException ex)
            {
                // Without the school list nothing can be pulled: the run fails at once and says why.
                await FailAsync(run, $"Listing schools failed ({ex.Upstream}, {ex.StatusCode?.ToString() ?? "no response"}): {ex.Message}", cancellationToken);
                LogPlanFailed(logger, runId, ex.Upstream.ToString());
                await RunFailedAsync(run, cancellationToken);
                return;
            }
        }

        var queued = await queue.QueuedCountAsync(runId, cancellationToken);
        var pullJobs = Math.Min(queued, options.Value.PullJobs);
        for (var i = 0; i < pullJobs; i++)
        {
            jobs.Enqueue<DrainPullsJob>(job => job.RunAsync(runId, CancellationToken.None));
        }

        LogPlanned(logger, runId, run.PullsTotal, queued, pullJobs);
    }

    private async Task RunFailedAsync(SyncRun run, CancellationToken cancellationToken)
    {
        telemetry.RunEnded(run.Status);
        await notifications.RunEndedAsync(run, [], cancellationToken);
    }

    private async Task PlanAsync(SyncRun run, CancellationToken cancellationToken)
    {
        var provinceCode = options.Value.ProvinceCode;
        var listing = await schools.ListSchoolsAsync(provinceCode, cancellationToken);
        var listed = listing.Schools;
        var now = clock.GetUtcNow();
        await UpsertSchoolsAsync(listed, now, cancellationToken);
        await drift.RecordListingAsync(run.Id, listing.UnknownCodes, cancellationToken);

        // A paused source is not pulled; the run keeps which were paused, so its reconcile holds back what needs them.
        var paused = await db.SourcePauses.AsNoTracking().Select(p => p.Source).OrderBy(p => p).ToArrayAsync(cancellationToken);
        var schoolCodes = listed.Select(s => s.Code).ToList();
        if (run.SchoolCode is not null)
        {
            if (!schoolCodes.Contains(run.SchoolCode))
            {
                await FailAsync(run, $"School {run.SchoolCode} is not listed by the SMS or the national database for province {provinceCode}.", cancellationToken);
                return;
            }

            schoolCodes = [run.SchoolCode];
        }

        // Read, never written here: tracked, each of a province's watermarks would be snapshotted and then compared again by
        // the save below.
        var watermarks = run.Mode == SyncMode.Incremental
            ? await db.Watermarks.AsNoTracking().ToDictionaryAsync(w => (w.Dataset, w.SchoolCode), w => w.AsOf, cancellationToken)
            : [];

        // An incremental province run reads the provincial and national listings province-wide; everything else is per school.
        // The province-wide listings run to many pages: they are queued first, so their pages go alongside the short school
        // listings rather than after them.
        var datasets = DatasetExtensions.All.Where(d => !paused.Contains(d.Source().ToWire())).ToList();
        var provinceWide = run.Mode == SyncMode.Incremental && run.SchoolCode is null
            ? datasets.Where(d => d.Source() != Domain.Vocabulary.Source.Sms).ToList()
            : [];
        var pulls = provinceWide
            .Select(dataset => NewPull(run, dataset, Pull.WholeProvince, ProvinceWatermark(watermarks, dataset, schoolCodes)))
            .ToList();
        foreach (var dataset in datasets.Except(provinceWide))
        {
            pulls.AddRange(schoolCodes.Select(school =>
                NewPull(run, dataset, school, watermarks.TryGetValue((dataset.ToString(), school), out var since) ? since : null)));
        }

        if (pulls.Count == 0)
        {
            await FailAsync(run, $"Every source is paused ({string.Join(", ", paused)}): there is nothing to pull.", cancellationToken);
            return;
        }

        // The pages are staged there; created before any pull exists that could write to them.
        await StagingTables.CreateAsync(dataSource, run.Id, cancellationToken);
        await queue.StartRunAsync(run.Id, pulls, paused, cancellationToken);
        run.PullsTotal = pulls.Count;
        run.Status = SyncRunStatus.Running;
    }

    private async Task FailAsync(SyncRun run, string error, CancellationToken cancellationToken)
    {
        await queue.FailRunAsync(run.Id, error, cancellationToken);
        run.Status = SyncRunStatus.Failed;
        run.Error = error;
        run.FinishedAt = clock.GetUtcNow();
    }

    private static Pull NewPull(SyncRun run, Dataset dataset, string schoolCode, DateTimeOffset? updatedSince) => new()
    {
        RunId = run.Id,
        Dataset = dataset.ToString(),
        Source = dataset.Source().ToWire(),
        SchoolCode = schoolCode,
        Status = PullStatus.Queued,
        UpdatedSince = updatedSince,
    };

    /// <summary>
    /// Where a province-wide listing can start: everything up to its own last watermark is stored, and so is everything up to
    /// the oldest per-school watermark when every school has one (a full run's pulls). The later of the two; none, a full listing.
    /// </summary>
    private static DateTimeOffset? ProvinceWatermark(
        Dictionary<(string Dataset, string SchoolCode), DateTimeOffset> watermarks, Dataset dataset, List<string> schoolCodes)
    {
        var name = dataset.ToString();
        DateTimeOffset? province = watermarks.TryGetValue((name, Pull.WholeProvince), out var own) ? own : null;
        DateTimeOffset? everySchool = null;
        foreach (var school in schoolCodes)
        {
            if (!watermarks.TryGetValue((name, school), out var since))
            {
                everySchool = null;
                break;
            }

            everySchool = everySchool is null || since < everySchool ? since : everySchool;
        }

        return province is null ? everySchool : everySchool is null ? province : province > everySchool ? province : everySchool;
    }

    /// <summary>
    /// The school directory as listed, in one statement over arrays: every run lists the province's thousands of schools, and
    /// an UPDATE each (as the change tracker sends them) cost a one-school run more than planning its own pulls.
    /// </summary>
    private Task UpsertSchoolsAsync(IReadOnlyList<Domain.Model.SchoolRecord> listed, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO schools (code, name, level, commune_code, commune_name, province_code, updated_at)
            SELECT DISTINCT ON (s.code) s.code, s.name, s.level, s.commune_code, s.commune_name, s.province_code, @now
              FROM unnest(@codes, @names, @levels, @communes, @communeNames, @provinces) AS s(code, name, level, commune_code, commune_name, province_code)
             ORDER BY s.code
            ON CONFLICT (code) DO UPDATE
               SET name = excluded.name, level = excluded.level, commune_code = excluded.commune_code, commune_name = excluded.commune_name,
                   province_code = excluded.province_code, updated_at = excluded.updated_at
            """,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("codes", listed.Select(s => s.Code).ToArray()),
                new NpgsqlParameter("names", listed.Select(s => s.Name).ToArray()),
                new NpgsqlParameter("levels", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = listed.Select(s => s.Level).ToArray() },
                new NpgsqlParameter("communes", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = listed.Select(s => s.CommuneCode).ToArray() },
                new NpgsqlParameter("communeNames", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = listed.Select(s => s.CommuneName).ToArray() },
                new NpgsqlParameter("provinces", listed.Select(s => s.ProvinceCode).ToArray()),
            ],
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} planned: {PullCount} pulls, {QueuedCount} queued, {PullJobs} pull jobs enqueued")]
    private static partial void LogPlanned(ILogger logger, Guid runId, int pullCount, int queuedCount, int pullJobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed: the school list from {Upstream} could not be read")]
    private static partial void LogPlanFailed(ILogger logger, Guid runId, string upstream);
}
