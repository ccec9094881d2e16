using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Data;

/// <summary>
/// The model and its migrations. Bulk paths (staging pages, reconcile) go around EF Core with binary COPY and SQL.
/// Add a migration with:
///   dotnet tool restore
///   dotnet ef migrations add &lt;Name&gt; --project src/DigitalEdu.Data --startup-project src/DigitalEdu.Data --output-dir Migrations
/// </summary>
public sealed class DigitalEduDbContext(DbContextOptions<DigitalEduDbContext> options) : DbContext(options)
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<Pull> Pulls => Set<Pull>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<StoredPerson> Persons => Set<StoredPerson>();
    public DbSet<StoredHealthExam> HealthExams => Set<StoredHealthExam>();
    public DbSet<QuarantinedItem> Quarantine => Set<QuarantinedItem>();
    public DbSet<Mismatch> Mismatches => Set<Mismatch>();
    public DbSet<MismatchEvent> MismatchEvents => Set<MismatchEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SyncWatermark> Watermarks => Set<SyncWatermark>();
    public DbSet<CoverageSnapshot> Coverage => Set<CoverageSnapshot>();
    public DbSet<WebUser> WebUsers => Set<WebUser>();
    public DbSet<WebSession> WebSessions => Set<WebSession>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<DeferredIndex> DeferredIndexes => Set<DeferredIndex>();
    public DbSet<CodeDrift> CodeDrifts => Set<CodeDrift>();
    public DbSet<CodeDriftCount> CodeDriftCounts => Set<CodeDriftCount>();
    public DbSet<SourcePause> SourcePauses => Set<SourcePause>();
    public DbSet<OpenItemCount> OpenItemCounts => Set<OpenItemCount>();
    public DbSet<CoverageRollup> CoverageRollups => Set<CoverageRollup>();
    public DbSet<LevelFigure> LevelFigures => Set<LevelFigure>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<ReportSnapshotFigure> ReportSnapshotFigures => Set<ReportSnapshotFigure>();
    public DbSet<ReportSnapshotItem> ReportSnapshotItems => Set<ReportSnapshotItem>();
    public DbSet<YearEndRosterEntry> YearEndRosters => Set<YearEndRosterEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DigitalEduDbContext).Assembly);
        PersonSearch.Register(modelBuilder);
    }
}
