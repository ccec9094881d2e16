using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class QuarantinedItemConfiguration : IEntityTypeConfiguration<QuarantinedItem>
{
    public void Configure(EntityTypeBuilder<QuarantinedItem> builder)
    {
        builder.ToTable("quarantine");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Source).HasMaxLength(16);
        builder.Property(q => q.Dataset).HasMaxLength(32);
        builder.Property(q => q.SchoolCode).HasMaxLength(16);

        // Text, not jsonb: the record is kept exactly as received, even when it is not valid JSON for PostgreSQL.
        builder.Property(q => q.RawJson).HasColumnType("text");
        builder.HasIndex(q => q.RunId);
        builder.HasIndex(q => q.BatchId);
    }
}
