using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class CoverageRollupConfiguration : IEntityTypeConfiguration<CoverageRollup>
{
    public void Configure(EntityTypeBuilder<CoverageRollup> builder)
    {
        builder.ToTable("coverage_rollups");
        builder.HasKey(c => new { c.RunId, c.CommuneCode, c.PersonKind });
        builder.Property(c => c.CommuneCode).HasMaxLength(16);
        builder.Property(c => c.PersonKind).HasMaxLength(8);
        builder.Property(c => c.OpenItems).HasColumnType("jsonb");
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
