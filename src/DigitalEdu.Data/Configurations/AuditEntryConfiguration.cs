using DigitalEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Role).HasMaxLength(16);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.ClientAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(512);
        builder.Property(a => a.SchoolCode).HasMaxLength(16);
        builder.Property(a => a.Reason).HasMaxLength(1000);
        builder.Property(a => a.Detail).HasMaxLength(1000);

        // The officer's search reads the newest first, by school, person or action.
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.SchoolCode, a.At });
        builder.HasIndex(a => new { a.Actor, a.At });
        builder.HasIndex(a => new { a.Action, a.At });
    }
}
