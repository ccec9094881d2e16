namespace DigitalEdu.Connectors.Configuration;

/// <summary>
/// The knobs of one upstream's standard resilience pipeline (retry with jittered backoff that honours Retry-After,
/// circuit breaker, per-attempt and total timeouts). Bound from <c>Upstreams:{Name}:Resilience</c>.
/// </summary>
public sealed class UpstreamResilienceOptions
{
    /// <summary>A page of 500 records should arrive well within this; a slow or stalled answer is cut and retried.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 20;

    /// <summary>All attempts of one call, backoff included; past this the batch fails and is re-run later.</summary>
    public int TotalTimeoutSeconds { get; set; } = 120;

    public int MaxRetryAttempts { get; set; } = 4;

    internal IEnumerable<string> Validate(string section)
    {
        if (AttemptTimeoutSeconds is < 1 or > 600)
        {
            yield return $"{section}:Resilience:AttemptTimeoutSeconds must be between 1 and 600.";
        }

        if (TotalTimeoutSeconds <= AttemptTimeoutSeconds || TotalTimeoutSeconds > 3600)
        {
            yield return $"{section}:Resilience:TotalTimeoutSeconds must be more than AttemptTimeoutSeconds and at most 3600.";
        }

        if (MaxRetryAttempts is < 1 or > 10)
        {
            yield return $"{section}:Resilience:MaxRetryAttempts must be between 1 and 10.";
        }
    }
}
