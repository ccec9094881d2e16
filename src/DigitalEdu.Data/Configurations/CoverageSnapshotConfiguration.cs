using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class CoverageSnapshotConfiguration : IEntityTypeConfiguration<CoverageSnapshot>
{
    public void Configure(EntityTypeBuilder<CoverageSnapshot> builder)
    {
        builder.ToTable("coverage_snapshots");
        builder.HasKey(c => new { c.RunId, c.SchoolCode, c.PersonKind });
        builder.Property(c => c.SchoolCode).HasMaxLength(16);
        builder.Property(c => c.PersonKind).HasMaxLength(8);
        builder.Property(c => c.OpenItems).HasColumnType("jsonb");
        builder.HasIndex(c => new { c.SchoolCode, c.TakenAt });
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
