using DigitalEdu.Data;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>The migrate step as an operator runs it on a new server: it creates what is missing and prints no error doing so.</summary>
public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task Migrating_a_missing_database_logs_no_error_and_migrating_again_changes_nothing()
    {
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = $"fresh_{Guid.NewGuid():N}" }.ConnectionString;
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));

        for (var run = 0; run < 2; run++)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var db = new DigitalEduDbContext(
                new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).UseLoggerFactory(loggerFactory).Options);
            await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None);
        }

        // EF Core's own account reaches the logs: the migrations were applied once, and its probes of what was missing are there,
        // below the error level.
        // By the migration's own id, which changes whenever the one migration is generated again.
        var initial = typeof(DigitalEduDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false))
            .SelectMany(a => a.Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()).Single().Id;
        Assert.Single(logs.Lines, line => line.Contains($"Applying migration '{initial}'", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.StartsWith("Information Microsoft.EntityFrameworkCore.Database.Connection", StringComparison.Ordinal)
                                            && line.Contains("An error occurred using the connection", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));

        await using var check = NpgsqlDataSource.Create(connectionString);
        await using var count = check.CreateCommand("SELECT count(*) FROM person_records");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
