using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class DeferredIndexConfiguration : IEntityTypeConfiguration<DeferredIndex>
{
    public void Configure(EntityTypeBuilder<DeferredIndex> builder)
    {
        builder.ToTable("deferred_indexes");
        builder.HasKey(i => i.Name);

        // PostgreSQL's identifier length.
        builder.Property(i => i.Name).HasMaxLength(63);
        builder.Property(i => i.TableName).HasMaxLength(63);
    }
}
