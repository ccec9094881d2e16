using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using FluentValidation;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Sync.Jobs;

/// <summary>Start a sync run: the full province or one school, full or incremental.</summary>
public sealed record StartSyncRunRequest(string? Mode, string? SchoolCode);

public sealed class StartSyncRunValidator : AbstractValidator<StartSyncRunRequest>
{
    public StartSyncRunValidator()
    {
        RuleFor(r => r.Mode)
            .NotEmpty()
            .Must(m => m is SyncMode.Full or SyncMode.Incremental)
            .WithMessage("mode must be \"full\" or \"incremental\".");
        RuleFor(r => r.SchoolCode)
            .Must(SchoolCodes.IsValid).When(r => r.SchoolCode is not null)
            .WithMessage("schoolCode must be 8 digits or null.");
    }
}

/// <summary>Creates the run row and hands planning to a worker; the caller gets the id at once.</summary>
public sealed class SyncRunStarter(DigitalEduDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<SyncRun> StartAsync(StartSyncRunRequest request, string requestedBy, CancellationToken cancellationToken)
    {
        var run = new SyncRun
        {
            Id = Guid.CreateVersion7(),
            Mode = request.Mode ?? SyncMode.Full,
            SchoolCode = request.SchoolCode,
            Status = SyncRunStatus.Queued,
            RequestedBy = requestedBy,
            RequestedAt = clock.GetUtcNow(),
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<PlanSyncRunJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    /// <summary>
    /// A full run of one school, unless one was asked for less than <paramref name="interval"/> ago: then null, and when the
    /// next may start. The check and the new run are one transaction under a lock per school, so two clicks at once start one
    /// run; the job is handed to a worker once the run is committed, so the worker finds it.
    /// </summary>
    public async Task<(SyncRun? Run, DateTimeOffset NextAllowedAt)> StartSchoolRunAsync(
        string schoolCode, string requestedBy, TimeSpan interval, CancellationToken cancellationToken)
    {
        SyncRun run;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SchoolRunLockSpace}, hashtext({schoolCode}))", cancellationToken);
            var now = clock.GetUtcNow();
            var since = now - interval;
            var last = await db.SyncRuns.AsNoTracking().Where(r => r.SchoolCode == schoolCode && r.RequestedAt > since)
                .MaxAsync(r => (DateTimeOffset?)r.RequestedAt, cancellationToken);
            if (last is { } previous)
            {
                return (null, previous + interval);
            }

            run = new SyncRun
            {
                Id = Guid.CreateVersion7(),
                Mode = SyncMode.Full,
                SchoolCode = schoolCode,
                Status = SyncRunStatus.Queued,
                RequestedBy = requestedBy,
                RequestedAt = now,
            };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        jobs.Enqueue<PlanSyncRunJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return (run, run.RequestedAt + interval);
    }

    /// <summary>The advisory lock space of <see cref="StartSchoolRunAsync"/> (beside the queue's, <c>Queue.AdvisoryLock.Spaces</c>).</summary>
    public const int SchoolRunLockSpace = 7104;

    /// <summary>The nightly schedule's entry point (Hangfire recurring job).</summary>
    public Task ScheduledFullRunAsync(CancellationToken cancellationToken) =>
        StartAsync(new StartSyncRunRequest(SyncMode.Full, null), "schedule", cancellationToken);
}
