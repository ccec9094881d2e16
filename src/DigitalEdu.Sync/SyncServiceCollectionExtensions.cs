using DigitalEdu.Data;
using DigitalEdu.Sync.Jobs;
using DigitalEdu.Sync.Notifications;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Sync.Reporting;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Sync.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The database (EF Core for the model and small queries, one NpgsqlDataSource for COPY and SQL) and the sync jobs.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(provider =>
        {
            var builder = new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.DigitalEdu);

            // The pull lanes send the same few statements for every page of a run (tens of thousands of pages): prepared once per
            // connection, PostgreSQL stops parsing and planning them each time. A connection string that sets its own wins.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }

            return builder.Build();
        });
        services.AddDbContext<DigitalEduDbContext>((provider, options) =>
            options.UseDigitalEduDatabase(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.DigitalEdu!));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Queue.PullQueue>();
        services.AddSingleton<PageWriter>();
        services.AddSingleton<StagedRecordsApplier>();
        services.AddSingleton<DeferredIndexes>();
        services.AddSingleton<MismatchReconciler>();
        services.AddSingleton<Drift.CodeDriftRecorder>();
        services.AddScoped<RunProgress>();
        services.AddScoped<SyncRunStarter>();
        services.AddScoped<BatchRetrier>();
        services.AddSingleton<Coverage.CoverageReport>();
        services.AddSingleton<ReportingCalendar>();
        services.AddSingleton<SnapshotFreezer>();
        services.AddScoped<CutOffFreezer>();
        services.AddScoped<PlanSyncRunJob>();
        services.AddScoped<DrainPullsJob>();
        services.AddScoped<ReconcileJob>();
        services.AddSyncTelemetry();
        services.AddNotifications();
        return services;
    }
}

