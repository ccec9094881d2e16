using System.Diagnostics.Metrics;

namespace DigitalEdu.Service.Access;

/// <summary>
/// Counters of access: sign-ins by outcome, refused bearer tokens by reason, requests refused by a rate limit. A refused token
/// is counted here and not logged: a flood of guesses must not become a flood of log lines.
/// </summary>
public sealed class AccessTelemetry
{
    public const string Name = "DigitalEdu.Access";
    public const string OutcomeTag = "digitaledu.outcome";

    private readonly Counter<long> signIns;
    private readonly Counter<long> tokenRejections;
    private readonly Counter<long> throttled;

    public AccessTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        signIns = meter.CreateCounter<long>("digitaledu.access.sign_ins", "{attempt}", "Password sign-ins by outcome: succeeded, failed, locked.");
        tokenRejections = meter.CreateCounter<long>("digitaledu.access.token_rejections", "{request}",
            "Requests whose bearer token was refused: unknown (or revoked), expired, malformed, throttled.");
        throttled = meter.CreateCounter<long>("digitaledu.access.throttled", "{request}", "Requests refused by a per-address rate limit, by limit.");
    }

    public void SignIn(string outcome) => signIns.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    public void TokenRejected(string reason) => tokenRejections.Add(1, new KeyValuePair<string, object?>(OutcomeTag, reason));

    public void Throttled(string limit) => throttled.Add(1, new KeyValuePair<string, object?>(OutcomeTag, limit));
}
