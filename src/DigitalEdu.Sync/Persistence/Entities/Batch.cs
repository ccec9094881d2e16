namespace DigitalEdu.Sync.Persistence.Entities;

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
    public int Received { get; set; }
    public int Stored { get; set; }
    public int Quarantined { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public static class BatchStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>A failed batch an operator re-ran; the re-run is a new batch from the same cursor.</summary>
    public const string Retried = "retried";

    /// <summary>A batch whose worker died before it finished; the pull resumes from its checkpoint.</summary>
    public const string Interrupted = "interrupted";
}
