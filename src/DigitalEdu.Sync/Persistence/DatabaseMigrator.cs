using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalEdu.Sync.Persistence;

/// <summary>The explicit migrate step: EF Core migrations for the model, then Hangfire's own schema.</summary>
public static class DatabaseMigrator
{
    public const string JobSchema = "hangfire";

    public static async Task MigrateAsync(DigitalEduDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobSchema);
    }
}
