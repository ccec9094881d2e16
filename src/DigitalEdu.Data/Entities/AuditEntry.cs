namespace DigitalEdu.Data.Entities;

/// <summary>
/// One use of personal data or of access: an unmasking, an export, a candidate look-up, a sign-in, a change of an item's state;
/// with who, from where, what, when and why (Nghị định 13/2023/NĐ-CP: processing of personal data is logged).
/// Append-only: the service's database role may insert and read rows, never update or delete them.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Who: the person (e-mail, or a token's owner); for a failed sign-in the account that was tried.</summary>
    public required string Actor { get; set; }

    public required string Role { get; set; }

    /// <summary>The token the actor used, when it was one.</summary>
    public long? TokenId { get; set; }

    /// <summary>The client's address as the service saw it after trusted proxies.</summary>
    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>What: one of <see cref="AuditAction"/>.</summary>
    public required string Action { get; set; }

    public string? SchoolCode { get; set; }
    public long? MismatchId { get; set; }

    /// <summary>Why: the purpose given for an unmasking, the reason for a dismissal, a clerk's note.</summary>
    public string? Reason { get; set; }

    /// <summary>Free detail, e.g. the export's format and row count; never the personal data itself.</summary>
    public string? Detail { get; set; }
}
