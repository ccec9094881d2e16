using System.ComponentModel.DataAnnotations;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Jobs;
using DigitalEdu.Sync.Reporting;
using DigitalEdu.Sync.Staging;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Hosting;

/// <summary>The <c>Jobs</c> configuration section: how Hangfire shares work between processes.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How long a job fetched by a worker that has stopped heart-beating stays invisible before another worker takes it:
    /// the time to recover from a killed worker.
    /// </summary>
    [Range(5, 3600, ErrorMessage = "Jobs:InvisibilityTimeoutSeconds must be between 5 and 3600.")]
    public int InvisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// How long a worker may stay silent before the others declare it dead and requeue what it was processing: the last resort
    /// for a job a killed worker had already taken off the queue.
    /// </summary>
    [Range(15, 3600, ErrorMessage = "Jobs:ServerTimeoutSeconds must be between 15 and 3600.")]
    public int ServerTimeoutSeconds { get; set; } = 300;

    [Range(50, 60000, ErrorMessage = "Jobs:PollIntervalMilliseconds must be between 50 and 60000.")]
    public int PollIntervalMilliseconds { get; set; } = 500;
}

public static class JobsSetup
{
    public const string Schema = DigitalEdu.Sync.DatabaseMigrator.JobSchema;

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<JobsOptions>(JobsOptions.Section);
        builder.Services.AddHangfire((services, config) =>
        {
            var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
            var connectionString = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DigitalEdu;
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(
                    options => options.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = Schema,

                        // The schema is installed by the migrate command, not by whichever worker starts first.
                        PrepareSchemaIfNecessary = false,
                        QueuePollInterval = TimeSpan.FromMilliseconds(jobs.PollIntervalMilliseconds),

                        // Idle workers wait on LISTEN/NOTIFY instead of querying the queue every poll interval: a new job starts at
                        // once, and sixteen idle workers per process cost no CPU.
                        EnableLongPolling = true,
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                    });
        });
        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("job-storage", tags: ["ready"]);

        if (builder.Configuration.GetServiceRole().RunsJobs())
        {
            builder.Services.AddHangfireServer((services, server) =>
            {
                var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = services.GetRequiredService<IOptions<SyncOptions>>().Value.Workers;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";

                // Heart-beat and check several times within the timeout, so a dead worker is noticed soon after it.
                var serverTimeout = TimeSpan.FromSeconds(jobs.ServerTimeoutSeconds);
                server.ServerTimeout = serverTimeout;
                server.HeartbeatInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, serverTimeout.Ticks / 3));
                server.ServerCheckInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, serverTimeout.Ticks / 3));
            });
            builder.Services.AddHostedService<NightlyScheduleRegistration>();
        }

        return builder;
    }
}

/// <summary>Registers (or removes) the nightly full run (<c>Sync:Schedule</c>) and the cut-offs' freeze when a worker starts.</summary>
internal sealed class NightlyScheduleRegistration(
    IRecurringJobManager recurringJobs, IOptions<SyncOptions> options, IOptions<ReportingOptions> reporting) : IHostedService
{
    public const string JobId = "nightly-full-run";
    public const string FreezeJobId = "freeze-cut-offs";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The schedule was validated with the other settings at start (SyncOptions.Schedule).
        var schedule = options.Value.Schedule;
        if (schedule == "-")
        {
            recurringJobs.RemoveIfExists(JobId);
        }
        else
        {
            recurringJobs.AddOrUpdate<SyncRunStarter>(JobId, starter => starter.ScheduledFullRunAsync(CancellationToken.None), schedule);
        }

        // The reporting calendar's cut-offs are frozen by a daily check (Reports:FreezeSchedule, validated at start).
        var freeze = reporting.Value.FreezeSchedule;
        if (freeze == "-")
        {
            recurringJobs.RemoveIfExists(FreezeJobId);
        }
        else
        {
            recurringJobs.AddOrUpdate<CutOffFreezer>(FreezeJobId, freezer => freezer.FreezePassedAsync(CancellationToken.None), freeze);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
