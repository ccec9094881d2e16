using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class MismatchConfiguration : IEntityTypeConfiguration<Mismatch>
{
    public void Configure(EntityTypeBuilder<Mismatch> builder)
    {
        // Every reconcile rewrites each item it finds again (its last sighting), all in one statement: with room on the page for a
        // second version of every row, PostgreSQL does that as a heap-only update, without a new entry in every index.
        builder.ToTable("mismatches").HasStorageParameter("fillfactor", 45);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(32).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(m => m.PersonKind).HasMaxLength(8).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(m => m.PersonRef).HasMaxLength(80).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(m => m.FieldKey).HasMaxLength(64).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(m => m.Side).HasMaxLength(16).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.SchoolCode).HasMaxLength(16);
        builder.Property(m => m.NationalVerified).HasDefaultValue(false);

        // The stable identity: a later run updates the row that has it.
        builder.HasIndex(m => new { m.Kind, m.PersonKind, m.PersonRef, m.FieldKey, m.Side }).IsUnique();
        builder.HasIndex(m => new { m.SchoolCode, m.Status, m.Kind });
        builder.HasIndex(m => new { m.Status, m.Kind });
    }
}

internal sealed class MismatchEventConfiguration : IEntityTypeConfiguration<MismatchEvent>
{
    public void Configure(EntityTypeBuilder<MismatchEvent> builder)
    {
        builder.ToTable("mismatch_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.FromStatus).HasMaxLength(16);
        builder.Property(e => e.ToStatus).HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => e.MismatchId);
        builder.HasOne<Mismatch>().WithMany().HasForeignKey(e => e.MismatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
