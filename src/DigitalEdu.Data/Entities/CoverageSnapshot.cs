namespace DigitalEdu.Data.Entities;

/// <summary>
/// The coverage figures of one school and person kind as one run left them, kept per run so a trend can be drawn.
/// Every figure is counted from the records, so "with an ID" can never exceed "persons".
/// </summary>
public sealed class CoverageSnapshot
{
    public Guid RunId { get; set; }
    public required string SchoolCode { get; set; }
    public required string PersonKind { get; set; }
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>Active persons on the SMS roll.</summary>
    public int Persons { get; set; }

    /// <summary>Of those, with a valid personal ID.</summary>
    public int WithPersonalId { get; set; }

    /// <summary>Of those, whose national record is verified against the population database.</summary>
    public int Verified { get; set; }

    /// <summary>Studying pupils whose latest SMS health exam is held nationally (students only).</summary>
    public int HealthCurrent { get; set; }

    /// <summary>Open items by kind, as JSON.</summary>
    public string OpenItems { get; set; } = "{}";
}
