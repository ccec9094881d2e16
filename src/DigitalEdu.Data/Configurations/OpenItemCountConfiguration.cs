using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class OpenItemCountConfiguration : IEntityTypeConfiguration<OpenItemCount>
{
    public void Configure(EntityTypeBuilder<OpenItemCount> builder)
    {
        builder.ToTable("open_item_counts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.SchoolCode).HasMaxLength(16);
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.HasIndex(c => c.SchoolCode);
    }
}
