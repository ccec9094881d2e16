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
        builder.HasIndex(b => new { b.RunId, b.Status });
        builder.HasIndex(b => b.PullId);
        builder.HasIndex(b => b.Status).HasFilter($"status = '{BatchStatus.Failed}'");
        builder.HasOne<Pull>().WithMany().HasForeignKey(b => b.PullId).OnDelete(DeleteBehavior.Cascade);
    }
}
