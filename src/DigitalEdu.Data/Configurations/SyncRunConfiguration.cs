using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Mode).HasMaxLength(16);
        builder.Property(r => r.Status).HasMaxLength(24);
        builder.Property(r => r.SchoolCode).HasMaxLength(16);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.Counts).HasColumnType("jsonb");
        builder.Property(r => r.PausedSources).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(r => r.RequestedAt);
    }
}
