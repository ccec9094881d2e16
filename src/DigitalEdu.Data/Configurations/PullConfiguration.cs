using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class PullConfiguration : IEntityTypeConfiguration<Pull>
{
    public void Configure(EntityTypeBuilder<Pull> builder)
    {
        builder.ToTable("pulls");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Dataset).HasMaxLength(32);
        builder.Property(p => p.Source).HasMaxLength(16);
        builder.Property(p => p.SchoolCode).HasMaxLength(16);
        builder.Property(p => p.Status).HasMaxLength(16);
        // Lanes claim a run's next queued pull in id order: with the id in the index that is its first entry, not a sort of all
        // the queued pulls of the run (tens of thousands in a province) for every claim.
        builder.HasIndex(p => new { p.RunId, p.Status, p.Id });
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
