using DigitalEdu.Sync.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Sync.Persistence.Configurations;

internal sealed class CodeDriftConfiguration : IEntityTypeConfiguration<CodeDrift>
{
    public void Configure(EntityTypeBuilder<CodeDrift> builder)
    {
        builder.ToTable("code_drifts");
        builder.HasKey(d => new { d.Source, d.Field, d.Code });
        builder.Property(d => d.Source).HasMaxLength(16);
        builder.Property(d => d.Field).HasMaxLength(64);
        builder.Property(d => d.Code).HasMaxLength(64);
    }
}

internal sealed class CodeDriftCountConfiguration : IEntityTypeConfiguration<CodeDriftCount>
{
    public void Configure(EntityTypeBuilder<CodeDriftCount> builder)
    {
        builder.ToTable("code_drift_counts");
        builder.HasKey(d => new { d.RunId, d.Source, d.Field, d.Code });
        builder.Property(d => d.Source).HasMaxLength(16);
        builder.Property(d => d.Field).HasMaxLength(64);
        builder.Property(d => d.Code).HasMaxLength(64);
        builder.Property(d => d.ExampleKey).HasMaxLength(64);
    }
}
