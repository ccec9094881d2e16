using DigitalEdu.Data;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync;

/// <summary>The explicit migrate step: EF Core migrations for the model, then Hangfire's own schema.</summary>
public static class DatabaseMigrator
{
    public const string JobSchema = "hangfire";

    public static async Task MigrateAsync(DigitalEduDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using (var migrating = new DigitalEduDbContext(MigrationOptions(db)))
        {
            await migrating.Database.MigrateAsync(cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobSchema);
    }

    /// <summary>
    /// The options of <paramref name="db"/> for migrating, with one difference: EF Core finds out whether the database and its
    /// history table exist by trying them, and logs each expected failure as an error ("fail: ... An error occurred using the
    /// connection") before it creates what was missing, so every first migration printed an error. Connection and command
    /// errors are logged as information here; a real failure still ends the migration with its exception.
    /// </summary>
    private static DbContextOptions<DigitalEduDbContext> MigrationOptions(DigitalEduDbContext db) =>
        new DbContextOptionsBuilder<DigitalEduDbContext>()
            .UseDigitalEduDatabase(db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The database context has no connection string to migrate."))
            .UseLoggerFactory(db.GetService<ILoggerFactory>())
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.ConnectionError, LogLevel.Information),
                (RelationalEventId.CommandError, LogLevel.Information)))
            .Options;
}
