using DigitalEdu.Sync.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Sync.Persistence.Configurations;

internal sealed class StoredPersonConfiguration : IEntityTypeConfiguration<StoredPerson>
{
    /// <summary>PostgreSQL's byte-order collation, for keys and codes.</summary>
    public const string BinaryCollation = "C";

    public void Configure(EntityTypeBuilder<StoredPerson> builder)
    {
        builder.ToTable("person_records");
        builder.HasKey(p => new { p.Source, p.PersonKind, p.SourceKey });
        // Keys and codes compare byte by byte ("C"): they are ASCII identifiers, and the database's language collation made
        // every index insert, index build and sort on them several times slower for an order nobody reads.
        builder.Property(p => p.Source).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.PersonKind).HasMaxLength(8).UseCollation(BinaryCollation);
        builder.Property(p => p.SourceKey).HasMaxLength(64).UseCollation(BinaryCollation);
        builder.Property(p => p.SchoolCode).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.MoetCode).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.PersonalIdDigits).HasMaxLength(12).UseCollation(BinaryCollation);
        builder.Property(p => p.Gender).HasMaxLength(8);
        builder.Property(p => p.Status).HasMaxLength(24);
        builder.Property(p => p.Health).HasColumnType("jsonb");

        // The reconcile joins: by personal ID digits, by MOET code, and a school's slice for presence and re-runs.
        builder.HasIndex(p => new { p.Source, p.PersonKind, p.PersonalIdDigits });
        builder.HasIndex(p => new { p.Source, p.PersonKind, p.MoetCode });
        builder.HasIndex(p => new { p.Source, p.SchoolCode });
    }
}
