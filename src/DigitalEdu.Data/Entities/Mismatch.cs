namespace DigitalEdu.Data.Entities;

/// <summary>
/// One discrepancy a school or operator must act on. Its identity (kind, person kind, person, field, side) is stable
/// across runs: a later run updates <see cref="LastSeenAt"/>, never duplicates it.
/// </summary>
public sealed class Mismatch
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string PersonKind { get; set; }

    /// <summary>"sms:{studentId}" when the item concerns an SMS record or a matched pair, else "national:{key}".</summary>
    public required string PersonRef { get; set; }

    /// <summary>The field, or empty: part of the identity, so never null.</summary>
    public string FieldKey { get; set; } = "";

    /// <summary>sms, national or provincial, or empty for pair-level items.</summary>
    public string Side { get; set; } = "";

    public string? Detail { get; set; }
    public string? Field { get; set; }
    public required string SchoolCode { get; set; }
    public string? SmsKey { get; set; }
    public string? MoetCode { get; set; }
    public string? PersonalId { get; set; }
    public string? SmsValue { get; set; }
    public string? NationalValue { get; set; }
    public string? ProvincialValue { get; set; }

    /// <summary>Whether the national record was verified against the population database when last seen (guides which side is right).</summary>
    public bool NationalVerified { get; set; }

    public required string Status { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public Guid LastRunId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}


/// <summary>Every change of an item's state, with who, when and why.</summary>
public sealed class MismatchEvent
{
    public long Id { get; set; }
    public long MismatchId { get; set; }
    public string? FromStatus { get; set; }
    public required string ToStatus { get; set; }
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public Guid? RunId { get; set; }
    public DateTimeOffset At { get; set; }
}
