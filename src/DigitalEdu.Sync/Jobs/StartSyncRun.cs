using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using FluentValidation;
using Hangfire;

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

    /// <summary>The nightly schedule's entry point (Hangfire recurring job).</summary>
    public Task ScheduledFullRunAsync(CancellationToken cancellationToken) =>
        StartAsync(new StartSyncRunRequest(SyncMode.Full, null), "schedule", cancellationToken);
}
