namespace DigitalEdu.Domain.Vocabulary;

/// <summary>A sync run's status, as the service API spells it.</summary>
public static class SyncRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string PartiallyFailed = "partially_failed";
    public const string Failed = "failed";
}

public static class SyncMode
{
    public const string Full = "full";
    public const string Incremental = "incremental";
}

/// <summary>A pull's status: one dataset of one school (or the whole province) within a run.</summary>
public static class PullStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>A batch's status: one page request.</summary>
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

/// <summary>The failure a batch records for itself when no upstream was asked (English: a log and API code).</summary>
public static class BatchErrors
{
    /// <summary>The batch's source was paused while its run was going: the page was not read.</summary>
    public const string SourcePaused = "Source paused by an operator";

    /// <summary>Whether a batch's error is <see cref="SourcePaused"/>: no upstream was asked, so there is no answer to show.</summary>
    public static bool IsSourcePaused(string? error) => error?.StartsWith(SourcePaused, StringComparison.Ordinal) == true;
}
