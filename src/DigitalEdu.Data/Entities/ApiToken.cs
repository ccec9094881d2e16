namespace DigitalEdu.Data.Entities;

/// <summary>A bearer token for scripts. Only the SHA-256 of the token is stored; the token itself is printed once.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string[] SchoolCodes { get; set; } = [];
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class SyncWatermark
{
    public required string Dataset { get; set; }
    public required string SchoolCode { get; set; }
    public DateTimeOffset AsOf { get; set; }
}
