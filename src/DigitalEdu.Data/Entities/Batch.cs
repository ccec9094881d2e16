namespace DigitalEdu.Data.Entities;

/// <summary>One page request and what it produced: the unit an operator re-runs. Keeps the cursor it started from.</summary>
public sealed class Batch
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public long PullId { get; set; }
    public required string Dataset { get; set; }
    public required string Source { get; set; }
    public required string SchoolCode { get; set; }
    public string? CursorStart { get; set; }
    public string? CursorNext { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public int? UpstreamStatus { get; set; }

    /// <summary>What the upstream answered (its body, shortened), so an operator reads the upstream's words, not the client's.</summary>
    public string? UpstreamBody { get; set; }

    /// <summary>The failed batch this one re-runs (from the same cursor); null for a batch of the pull's normal course.</summary>
    public long? RetryOf { get; set; }
    public int Received { get; set; }
    public int Stored { get; set; }
    public int Quarantined { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

