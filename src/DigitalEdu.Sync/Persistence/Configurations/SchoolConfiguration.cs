using DigitalEdu.Sync.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DigitalEdu.Sync.Persistence.Configurations;

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.ToTable("schools");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.Level).HasMaxLength(16);
        builder.Property(s => s.CommuneCode).HasMaxLength(16);
        builder.Property(s => s.CommuneName).HasMaxLength(200);
        builder.Property(s => s.ProvinceCode).HasMaxLength(4);
    }
}
