using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Telemetry;

/// <summary>
/// The connectors' metrics: every HTTP attempt to an upstream and every one that failed, by upstream and status. The
/// HTTP spans themselves come from the HttpClient instrumentation; they nest under the batch span that is current.
/// </summary>
public sealed class UpstreamTelemetry : IDisposable
{
    public const string Name = "DigitalEdu.Connectors";

    public const string UpstreamTag = "digitaledu.source";
    public const string StatusTag = "digitaledu.status";

    private readonly Meter meter;
    private readonly Counter<long> requests;
    private readonly Counter<long> errors;
    private readonly Histogram<double> duration;

    public UpstreamTelemetry(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        requests = meter.CreateCounter<long>("digitaledu.upstream.requests", "{request}", "HTTP attempts to an upstream, retries included.");
        errors = meter.CreateCounter<long>("digitaledu.upstream.errors", "{request}",
            "HTTP attempts to an upstream that failed: the status code, or the transport error when no answer came.");
        duration = meter.CreateHistogram<double>("digitaledu.upstream.request.duration", "s", "Time of one HTTP attempt to an upstream.");
    }

    public void Dispose() => meter.Dispose();

    internal void Record(Source upstream, string status, bool failed, TimeSpan elapsed)
    {
        var tags = new TagList { { UpstreamTag, upstream.ToString().ToLowerInvariant() }, { StatusTag, status } };
        requests.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
        if (failed)
        {
            errors.Add(1, tags);
        }
    }

    internal static string StatusOf(int statusCode) => statusCode.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Counts each attempt as it leaves for the upstream. It sits inside the resilience pipeline, so every retry is seen,
/// and a refused connection or a timeout is counted as well as an error status.
/// </summary>
public sealed class UpstreamMetricsHandler(UpstreamTelemetry telemetry, Source upstream) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            telemetry.Record(upstream, UpstreamTelemetry.StatusOf(code), code >= 400, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (HttpRequestException ex)
        {
            telemetry.Record(upstream, ex.HttpRequestError.ToString(), failed: true, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (OperationCanceledException)
        {
            // The resilience pipeline's attempt timeout arrives here as a cancellation, like the caller's own.
            telemetry.Record(upstream, "Canceled", failed: true, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
