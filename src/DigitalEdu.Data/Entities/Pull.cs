namespace DigitalEdu.Data.Entities;

/// <summary>
/// One pull job: one dataset (source and person kind) for one school within a run. <see cref="Cursor"/> is the checkpoint:
/// the cursor of the next page to fetch, committed with the rows of the page before it.
/// </summary>
public sealed class Pull
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public required string Dataset { get; set; }
    public required string Source { get; set; }
    /// <summary>The school listed, or <see cref="WholeProvince"/> for a province-wide listing.</summary>
    public required string SchoolCode { get; set; }
    public required string Status { get; set; }
    public string? Cursor { get; set; }
    public bool Exhausted { get; set; }
    public DateTimeOffset? UpdatedSince { get; set; }
    public DateTimeOffset? AsOf { get; set; }
    public int Pages { get; set; }
    public int Received { get; set; }
    public int Stored { get; set; }
    public int Quarantined { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the records this pull staged were applied to the stored records (with its snapshot and watermark).</summary>
    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>
    /// The school code of a province-wide pull. An incremental run reads the provincial and national listings once for the whole
    /// province (their APIs allow it, the SMS's does not): what changed is a few records, not a page per school.
    /// </summary>
    public const string WholeProvince = "";
}

