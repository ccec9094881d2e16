using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class SourcePauseConfiguration : IEntityTypeConfiguration<SourcePause>
{
    public void Configure(EntityTypeBuilder<SourcePause> builder)
    {
        builder.ToTable("source_pauses");
        builder.HasKey(p => p.Source);
        builder.Property(p => p.Source).HasMaxLength(16);
        builder.Property(p => p.PausedBy).HasMaxLength(200);
    }
}
