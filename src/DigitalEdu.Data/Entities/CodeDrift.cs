namespace DigitalEdu.Data.Entities;

/// <summary>
/// A code an upstream sends in a code-list field that DigitalEdu's list lacks (code-list drift): kept as sent, reported to
/// the operator, never a person's problem. One row per source, field and code, with its first and latest sighting.
/// </summary>
public sealed class CodeDrift
{
    public required string Source { get; set; }
    public required string Field { get; set; }
    public required string Code { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public Guid FirstRunId { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public Guid LastRunId { get; set; }
}

/// <summary>How many records (schools, for a level) held a drifted code after a run, and the key of one of them.</summary>
public sealed class CodeDriftCount
{
    public Guid RunId { get; set; }
    public required string Source { get; set; }
    public required string Field { get; set; }
    public required string Code { get; set; }
    public int Records { get; set; }
    public required string ExampleKey { get; set; }
}
