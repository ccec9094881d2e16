using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> builder)
    {
        builder.ToTable("batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Dataset).HasMaxLength(32);
        builder.Property(b => b.Source).HasMaxLength(16);
        builder.Property(b => b.SchoolCode).HasMaxLength(16);
        builder.Property(b => b.Status).HasMaxLength(16);
        builder.Property(b => b.Error).HasMaxLength(2000);
        builder.Property(b => b.UpstreamBody).HasMaxLength(4000);
        builder.HasIndex(b => new { b.RunId, b.Status });
        builder.HasIndex(b => b.PullId);
        builder.HasIndex(b => b.RetryOf).HasFilter("retry_of IS NOT NULL");
        // The console lists batches newest first by source and school.
        builder.HasIndex(b => new { b.Source, b.Id });
        builder.HasIndex(b => new { b.SchoolCode, b.Id });
        builder.HasIndex(b => b.Status).HasFilter($"status = '{BatchStatus.Failed}'");
        builder.HasOne<Pull>().WithMany().HasForeignKey(b => b.PullId).OnDelete(DeleteBehavior.Cascade);
    }
}
