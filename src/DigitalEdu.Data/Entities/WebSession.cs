namespace DigitalEdu.Data.Entities;

/// <summary>
/// A signed-in browser session, kept on the server: the cookie carries only a random key whose SHA-256 is stored here, so
/// signing out, disabling the user or changing their password ends the session wherever its cookie is.
/// </summary>
public sealed class WebSession
{
    public long Id { get; set; }
    public required string KeyHash { get; set; }

    /// <summary>The password user it belongs to; null for a sign-in through the identity provider.</summary>
    public long? UserId { get; set; }

    /// <summary>The user's security stamp when the session began; a different stamp now ends it.</summary>
    public string? SecurityStamp { get; set; }

    /// <summary>The authentication ticket (claims and properties) in ASP.NET Core's ticket format.</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute limit: the session ends then, however active.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
