using DigitalEdu.Data;
using DigitalEdu.Sync.Jobs;
using DigitalEdu.Sync.Notifications;
using DigitalEdu.Sync.Reconcile;
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
    public const string ConnectionStringKey = "ConnectionStrings:DigitalEdu";

    /// <summary>The database (EF Core for the model and small queries, one NpgsqlDataSource for COPY and SQL) and the sync jobs.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("DigitalEdu");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} is not set: give the PostgreSQL connection string (e.g. Host=127.0.0.1;Database=digitaledu;Username=postgres)."]);
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}"]);
        }

        services.AddOptions<SyncOptions>()
            .BindConfiguration(SyncOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);

            // The pull lanes send the same few statements for every page of a run (tens of thousands of pages): prepared once per
            // connection, PostgreSQL stops parsing and planning them each time. A connection string that sets its own wins.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }

            return builder.Build();
        });
        services.AddDbContext<DigitalEduDbContext>(options => options.UseDigitalEduDatabase(connectionString));
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
        services.AddScoped<Mismatches.MismatchLifecycle>();
        services.AddSingleton<Coverage.CoverageReport>();
        services.AddSingleton<Mismatches.CandidateFinder>();
        services.AddScoped<PlanSyncRunJob>();
        services.AddScoped<DrainPullsJob>();
        services.AddScoped<ReconcileJob>();
        services.AddSyncTelemetry();
        services.AddNotifications();
        return services;
    }
}
