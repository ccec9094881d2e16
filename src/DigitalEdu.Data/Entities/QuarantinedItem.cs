namespace DigitalEdu.Data.Entities;

/// <summary>A record that could not be read, kept whole (the raw JSON text as received) with its reasons.</summary>
public sealed class QuarantinedItem
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public long BatchId { get; set; }
    public required string Source { get; set; }
    public required string Dataset { get; set; }
    public required string SchoolCode { get; set; }
    public string? SourceKey { get; set; }
    public required string RawJson { get; set; }
    public required string[] Reasons { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
