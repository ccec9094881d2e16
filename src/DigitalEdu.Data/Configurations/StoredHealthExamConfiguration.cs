using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class StoredHealthExamConfiguration : IEntityTypeConfiguration<StoredHealthExam>
{
    public void Configure(EntityTypeBuilder<StoredHealthExam> builder)
    {
        builder.ToTable("health_exams");
        builder.HasStorageParameter("fillfactor", StoredPersonConfiguration.StoredFillFactor);
        builder.HasKey(h => h.ExamId);
        builder.Property(h => h.ExamId).HasMaxLength(64).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(h => h.StudentKey).HasMaxLength(64).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(h => h.SchoolCode).HasMaxLength(16).UseCollation(StoredPersonConfiguration.BinaryCollation);
        builder.Property(h => h.Findings).HasColumnType(StoredPersonConfiguration.KeptJson);
        builder.HasIndex(h => new { h.StudentKey, h.ExamDate });
        builder.HasIndex(h => h.SchoolCode);
        builder.Property(h => h.Unreadable).HasColumnType("jsonb");
        builder.HasIndex(h => h.StudentKey, "ix_health_exams_unreadable").HasFilter("unreadable IS NOT NULL").HasDatabaseName("ix_health_exams_unreadable");
    }
}
