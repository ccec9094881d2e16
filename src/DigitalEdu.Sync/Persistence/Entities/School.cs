namespace DigitalEdu.Sync.Persistence.Entities;

public sealed class School
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Level { get; set; }
    public string? CommuneCode { get; set; }

    /// <summary>The commune or ward's name as the listings send it (SMS communeName, national TEN_XA); null when neither does.</summary>
    public string? CommuneName { get; set; }
    public required string ProvinceCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
