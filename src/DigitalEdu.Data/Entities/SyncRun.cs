namespace DigitalEdu.Data.Entities;

/// <summary>One sync run: a fan-out of pulls, then one reconcile. Status strings are the service API's.</summary>
public sealed class SyncRun
{
    public Guid Id { get; set; }
    public required string Mode { get; set; }
    public string? SchoolCode { get; set; }
    public required string Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int PullsTotal { get; set; }
    public DateTimeOffset? ReconcileEnqueuedAt { get; set; }
    public DateTimeOffset? ReconciledAt { get; set; }
    public string? Error { get; set; }

    /// <summary>The sources paused when the run was planned: not pulled, and the items that need them neither resolved nor reopened.</summary>
    public string[] PausedSources { get; set; } = [];

    /// <summary>Figures of the run as JSON (records per source, quarantined, items found/new/resolved).</summary>
    public string Counts { get; set; } = "{}";
}


