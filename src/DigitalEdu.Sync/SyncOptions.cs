using System.ComponentModel.DataAnnotations;

namespace DigitalEdu.Sync;

/// <summary>The <c>Sync</c> configuration section.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>The province this deployment serves: two digits, e.g. "22".</summary>
    [Required, RegularExpression(@"^[0-9]{2}\z", ErrorMessage = "Sync:ProvinceCode must be two digits, e.g. 22.")]
    public string ProvinceCode { get; set; } = "22";

    /// <summary>Cron (UTC) of the nightly full run; "-" switches the schedule off.</summary>
    [Required, CronSchedule]
    public string Schedule { get; set; } = "0 1 * * *";

    /// <summary>Items per upstream page (1..1000).</summary>
    [Range(1, 1000, ErrorMessage = "Sync:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 1000;

    /// <summary>How often a page is tried before its batch is left failed (each try already has the HTTP resilience pipeline).</summary>
    [Range(1, 20, ErrorMessage = "Sync:BatchAttempts must be between 1 and 20.")]
    public int BatchAttempts { get; set; } = 3;

    /// <summary>
    /// Pull jobs that work a run at once, spread by Hangfire over the worker processes; together with
    /// <see cref="PullsPerJob"/> this bounds the requests in flight to the upstreams. Two jobs of 8 lanes suit a 2-core host
    /// (more lanes only contend for the cores and the pulls table; see docs/performance.md); raise it with the cores and
    /// worker processes.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Sync:PullJobs must be between 1 and 64.")]
    public int PullJobs { get; set; } = 2;

    /// <summary>Pulls each pull job works at once; pulls wait on the upstreams and the database, so more than the core count pays.</summary>
    [Range(1, 64, ErrorMessage = "Sync:PullsPerJob must be between 1 and 64.")]
    public int PullsPerJob { get; set; } = 8;

    /// <summary>
    /// Queued pulls a lane claims at once: it reads a page of each, one after another, and commits them in one transaction
    /// (most pulls are one page), or in several once the pages it holds reach <see cref="RecordsPerCommit"/>. Each claim and
    /// each commit is a fixed cost in PostgreSQL; 1 claims and commits pull by pull.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Sync:PullsPerClaim must be between 1 and 64.")]
    public int PullsPerClaim { get; set; } = 32;

    /// <summary>
    /// Records a lane holds in memory before it commits the pages read so far. It bounds the service's memory whatever the
    /// block size: an incremental run's pages hold a few records each and a block of them commits at once, a full run's pages
    /// hold up to <see cref="PageSize"/> records and commit a few at a time.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Sync:RecordsPerCommit must be between 1 and 100000.")]
    public int RecordsPerCommit { get; set; } = 4_000;

    /// <summary>How long a pull job claims pulls before it hands over to a fresh job, so a worker started mid-run gets a share.</summary>
    [Range(1, 3600, ErrorMessage = "Sync:PullJobSliceSeconds must be between 1 and 3600.")]
    public int PullJobSliceSeconds { get; set; } = 30;

    /// <summary>Hangfire workers per process: pull jobs, the plan and the reconcile each take one while they run.</summary>
    [Range(1, 200, ErrorMessage = "Sync:Workers must be between 1 and 200.")]
    public int Workers { get; set; } = 16;
}

/// <summary>A cron expression as Hangfire's scheduler reads it (five or six fields), or "-" for none.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CronScheduleAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string schedule || schedule == "-")
        {
            return ValidationResult.Success;
        }

        try
        {
            Cronos.CronExpression.Parse(schedule, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
                ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard);
            return ValidationResult.Success;
        }
        catch (Cronos.CronFormatException ex)
        {
            return new ValidationResult(
                $"{(validationContext.ObjectType == typeof(SyncOptions) ? SyncOptions.Section : Reporting.ReportingOptions.Section)}:{validationContext.MemberName} '{schedule}' is not a valid cron expression ({ex.Message}); use e.g. \"0 1 * * *\" or \"-\" for none.",
                [validationContext.MemberName ?? nameof(SyncOptions.Schedule)]);
        }
    }
}
