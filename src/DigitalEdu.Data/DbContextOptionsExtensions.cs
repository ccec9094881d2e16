using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Data;

public static class DigitalEduDbContextOptions
{
    /// <summary>The one place the provider and naming convention are chosen, shared by the host and design-time tools.</summary>
    public static TBuilder UseDigitalEduDatabase<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }
}

/// <summary>Lets `dotnet ef` build the context without starting the host.</summary>
public sealed class DesignTimeDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<DigitalEduDbContext>
{
    public DigitalEduDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__DigitalEdu")
            ?? "Host=127.0.0.1;Port=5432;Database=digitaledu;Username=postgres";
        return new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).Options);
    }
}
