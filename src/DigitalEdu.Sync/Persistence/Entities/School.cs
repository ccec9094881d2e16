namespace DigitalEdu.Sync.Persistence.Entities;

public sealed class School
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Level { get; set; }
    public string? CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
