namespace DigitalEdu.Data.Entities;

/// <summary>
/// A person who signs in to the web pages with a password (officers, school clerks, operators). The password is kept as
/// ASP.NET Core Identity's PasswordHasher output (PBKDF2, salted, versioned), never in clear; the lockout and security stamp
/// fields are Identity's too, kept through <c>WebUserStore</c>.
/// </summary>
public sealed class WebUser
{
    public long Id { get; set; }

    /// <summary>Stored lower-cased so sign-in is case-insensitive and the unique index holds.</summary>
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public string[] SchoolCodes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Changes with the password, the role or the schools: every session started before the change ends.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Wrong passwords since the last success or lockout.</summary>
    public int AccessFailedCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Lockouts since the last successful sign-in: each one lasts twice as long as the one before.</summary>
    public int LockoutsInARow { get; set; }
}
