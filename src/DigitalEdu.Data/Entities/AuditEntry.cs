namespace DigitalEdu.Data.Entities;

/// <summary>
/// A read of unmasked personal data or an export, with who, what and when (Nghị định 13/2023/NĐ-CP: processing of personal data is logged).
/// Append-only: nothing updates or deletes a row.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Who: the user's name (e-mail or token name).</summary>
    public required string Actor { get; set; }

    public required string Role { get; set; }

    /// <summary>What: one of <see cref="AuditAction"/>.</summary>
    public required string Action { get; set; }

    public string? SchoolCode { get; set; }
    public long? MismatchId { get; set; }

    /// <summary>Free detail, e.g. the export's format and row count; never the personal data itself.</summary>
    public string? Detail { get; set; }
}

