namespace DigitalEdu.Data.Entities;

/// <summary>
/// A bearer token for scripts, issued to a person. Only the SHA-256 of the token is stored; the token itself is printed once.
/// It stops working when it expires or is revoked.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    /// <summary>What the token is for (e.g. "nightly export"); the audit names <see cref="Owner"/>.</summary>
    public required string Name { get; set; }

    /// <summary>The person the token belongs to (an e-mail address): who the audit log says acted.</summary>
    public required string Owner { get; set; }

    public required string Role { get; set; }
    public string[] SchoolCodes { get; set; } = [];
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class SyncWatermark
{
    public required string Dataset { get; set; }
    public required string SchoolCode { get; set; }
    public DateTimeOffset AsOf { get; set; }
}
