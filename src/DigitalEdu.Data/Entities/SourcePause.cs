namespace DigitalEdu.Data.Entities;

/// <summary>
/// A source an operator paused (its upstream is down for days, or sends wrong data): runs planned while it is paused do not
/// pull it. Resuming deletes the row.
/// </summary>
public sealed class SourcePause
{
    public required string Source { get; set; }
    public DateTimeOffset PausedAt { get; set; }
    public required string PausedBy { get; set; }
}
