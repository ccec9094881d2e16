using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class LevelFigureConfiguration : IEntityTypeConfiguration<LevelFigure>
{
    public void Configure(EntityTypeBuilder<LevelFigure> builder)
    {
        builder.ToTable("level_figures");
        builder.HasKey(f => new { f.RunId, f.SchoolCode, f.PersonKind, f.Level });
        builder.Property(f => f.SchoolCode).HasMaxLength(32);
        builder.Property(f => f.PersonKind).HasMaxLength(8);
        builder.Property(f => f.Level).HasMaxLength(32);

        // The latest figures of a school before a moment: one index probe per school, as for the coverage snapshots.
        builder.HasIndex(f => new { f.SchoolCode, f.TakenAt });
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> builder)
    {
        builder.ToTable("report_snapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Period).HasMaxLength(16);
        builder.Property(s => s.FrozenBy).HasMaxLength(256);
        // One snapshot per calendar cut-off, however many workers check the calendar at once; on demand, as many as asked.
        builder.HasIndex(s => new { s.CutOff, s.Period }).IsUnique().HasFilter("period <> 'on_demand'");
    }
}

internal sealed class ReportSnapshotFigureConfiguration : IEntityTypeConfiguration<ReportSnapshotFigure>
{
    public void Configure(EntityTypeBuilder<ReportSnapshotFigure> builder)
    {
        builder.ToTable("report_snapshot_figures");
        builder.HasKey(f => new { f.SnapshotId, f.SchoolCode, f.Level, f.PersonKind });
        builder.Property(f => f.SchoolCode).HasMaxLength(32);
        builder.Property(f => f.Level).HasMaxLength(32);
        builder.Property(f => f.PersonKind).HasMaxLength(8);
        builder.Property(f => f.CommuneCode).HasMaxLength(16);
        builder.HasOne<ReportSnapshot>().WithMany().HasForeignKey(f => f.SnapshotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportSnapshotItemConfiguration : IEntityTypeConfiguration<ReportSnapshotItem>
{
    public void Configure(EntityTypeBuilder<ReportSnapshotItem> builder)
    {
        builder.ToTable("report_snapshot_items");
        builder.HasKey(i => new { i.SnapshotId, i.MismatchId });
        builder.Property(i => i.SchoolCode).HasMaxLength(32);
        builder.Property(i => i.Kind).HasMaxLength(32);
        builder.Property(i => i.PersonKind).HasMaxLength(8);
        builder.HasIndex(i => new { i.SnapshotId, i.SchoolCode, i.Kind });
        builder.HasOne<ReportSnapshot>().WithMany().HasForeignKey(i => i.SnapshotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class YearEndRosterEntryConfiguration : IEntityTypeConfiguration<YearEndRosterEntry>
{
    public void Configure(EntityTypeBuilder<YearEndRosterEntry> builder)
    {
        builder.ToTable("year_end_rosters");
        builder.HasKey(r => new { r.SnapshotId, r.SourceKey });
        builder.Property(r => r.SourceKey).HasMaxLength(64);
        builder.Property(r => r.SchoolCode).HasMaxLength(32);
        builder.HasIndex(r => new { r.SnapshotId, r.SchoolCode });
    }
}
