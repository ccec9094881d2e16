namespace DigitalEdu.Connectors.Telemetry;

/// <summary>How an outgoing request asks to be left out of traces (its URL may carry a secret, as a webhook's does).</summary>
public static class HttpTracing
{
    public static readonly HttpRequestOptionsKey<bool> Untraced = new("digitaledu.untraced");
}
