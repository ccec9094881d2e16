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

    /// <summary>The first backoff; it doubles per retry, with jitter. A Retry-After from the upstream takes precedence.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Share of failed attempts within the sampling window that opens the breaker. High by default: an upstream that fails one
    /// call in five is still worth asking (the retries get through); one that fails most calls needs a rest.
    /// </summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within the sampling window before the breaker may open at all.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>How long an open breaker rejects calls before letting one through to probe.</summary>
    public int CircuitBreakerBreakSeconds { get; set; } = 15;

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

        if (RetryBaseDelayMilliseconds is < 1 or > 60_000)
        {
            yield return $"{section}:Resilience:RetryBaseDelayMilliseconds must be between 1 and 60000.";
        }

        if (CircuitBreakerFailureRatio is < 0.01 or > 1)
        {
            yield return $"{section}:Resilience:CircuitBreakerFailureRatio must be between 0.01 and 1.";
        }

        if (CircuitBreakerMinimumThroughput is < 2 or > 10_000)
        {
            yield return $"{section}:Resilience:CircuitBreakerMinimumThroughput must be between 2 and 10000.";
        }

        if (CircuitBreakerBreakSeconds is < 1 or > 3600)
        {
            yield return $"{section}:Resilience:CircuitBreakerBreakSeconds must be between 1 and 3600.";
        }
    }
}
