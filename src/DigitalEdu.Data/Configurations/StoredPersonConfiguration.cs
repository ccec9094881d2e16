using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

public sealed class StoredPersonConfiguration : IEntityTypeConfiguration<StoredPerson>
{
    /// <summary>PostgreSQL's byte-order collation, for keys and codes.</summary>
    public const string BinaryCollation = "C";

    /// <summary>
    /// The column type of health findings kept as received: json, not jsonb. They are read back whole and never queried
    /// inside, and loading json only validates the text where jsonb builds and re-encodes it (ADR 0001).
    /// </summary>
    public const string KeptJson = "json";

    /// <summary>
    /// Room left on each page of the stored tables (fillfactor, percent filled): an incremental run rewrites a few percent of
    /// the records every few minutes, and a new version that fits on its old page is a heap-only update, which touches none
    /// of the four indexes (ADR 0010). The price: a full run writes and scans correspondingly more pages.
    /// </summary>
    public const int StoredFillFactor = 90;

    public void Configure(EntityTypeBuilder<StoredPerson> builder)
    {
        builder.ToTable("person_records");
        builder.HasStorageParameter("fillfactor", StoredFillFactor);
        // Every lookup on these indexes is by equality on all their leading columns, so each leads with its most selective
        // column: a full run builds them anew over millions of rows, and sorting on the three-valued source first left most
        // comparisons to the later columns, and the builds were much slower.
        builder.HasKey(p => new { p.SourceKey, p.PersonKind, p.Source });
        // Keys and codes compare byte by byte ("C"): they are ASCII identifiers, and the database's language collation made
        // every index insert, index build and sort on them much slower for an order nobody reads.
        builder.Property(p => p.Source).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.PersonKind).HasMaxLength(8).UseCollation(BinaryCollation);
        builder.Property(p => p.SourceKey).HasMaxLength(64).UseCollation(BinaryCollation);
        builder.Property(p => p.SchoolCode).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.MoetCode).HasMaxLength(16).UseCollation(BinaryCollation);
        builder.Property(p => p.PersonalIdDigits).HasMaxLength(12).UseCollation(BinaryCollation);
        builder.Property(p => p.Gender).HasMaxLength(8);
        builder.Property(p => p.Status).HasMaxLength(24);
        builder.Property(p => p.Health).HasColumnType(KeptJson);
        builder.Property(p => p.Unreadable).HasColumnType("jsonb");
        builder.Property(p => p.UnknownCodes).HasColumnType("jsonb");

        // The reconcile follows links between SMS and national records by personal ID digits and by MOET code (provincial
        // copies are looked up by their key), and takes a school's slice for presence and re-runs.
        const string Linked = $"source IN ('{WireNames.Sms}', '{WireNames.National}')";
        builder.HasIndex(p => new { p.PersonalIdDigits, p.PersonKind, p.Source }).HasFilter(Linked);
        builder.HasIndex(p => new { p.MoetCode, p.PersonKind, p.Source }).HasFilter(Linked);
        builder.HasIndex(p => new { p.SchoolCode, p.Source });

        // The few records with an unreadable value, an unknown code or a quarantined original: their items and the code-list
        // drift are read from these partial indexes rather than from a scan of every record. A provincial placeholder is found
        // by the digits of the SMS record it stands beside.
        builder.HasIndex(p => new { p.Source, p.PersonKind, p.SourceKey }, "ix_person_records_unreadable").HasFilter("unreadable IS NOT NULL").HasDatabaseName("ix_person_records_unreadable");
        builder.HasIndex(p => new { p.Source, p.PersonKind, p.SourceKey }, "ix_person_records_unknown_codes").HasFilter("unknown_codes IS NOT NULL").HasDatabaseName("ix_person_records_unknown_codes");
        builder.HasIndex(p => new { p.PersonalIdDigits, p.PersonKind, p.Source }, "ix_person_records_placeholders").HasFilter("quarantine_reasons IS NOT NULL").HasDatabaseName("ix_person_records_placeholders");
    }
}
