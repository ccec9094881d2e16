using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using OpenTelemetry.Metrics;

namespace DigitalEdu.Tests.Observability;

/// <summary>
/// The provincial database is down (its URL points at a closed port): readiness names it, the run ends partially failed,
/// and the operators hear of it by webhook and by e-mail, with the failed batches and the schools over the threshold.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class NotificationTests : IAsyncLifetime
{
    private const string WebhookSecret = "hook-secret-4b1f0c";

    private SimulatorHost simulators = null!;
    private WebhookReceiver webhook = null!;
    private SmtpSink smtp = null!;
    private ObservedApp app = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        webhook = await WebhookReceiver.StartAsync($"/hooks/{WebhookSecret}");
        smtp = new SmtpSink();
        app = await ObservedApp.StartAsync(simulators, new Dictionary<string, string?>
        {
            ["Upstreams:Provincial:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            ["Upstreams:Provincial:Resilience:MaxRetryAttempts"] = "1",
            ["Upstreams:Provincial:Resilience:AttemptTimeoutSeconds"] = "2",
            ["Upstreams:Provincial:Resilience:TotalTimeoutSeconds"] = "5",
            ["Sync:BatchAttempts"] = "1",
            ["Notifications:WebhookUrl"] = webhook.Url.ToString(),
            ["Notifications:SchoolOpenItemsThreshold"] = "1",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:From"] = "digitaledu@example.org",
            ["Notifications:Smtp:To"] = "ops@example.org, officer@example.org",
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        smtp.Dispose();
        await webhook.DisposeAsync();
        await simulators.DisposeAsync();
    }

    [Fact]
    public async Task A_partially_failed_run_is_posted_to_the_webhook_and_mailed_and_readiness_names_the_upstream()
    {
        var (client, _) = await app.CreateClientAsync("operator");

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
            var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal("Degraded", checks["upstream-provincial"].GetProperty("status").GetString());
            Assert.Contains("Provincial", checks["upstream-provincial"].GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", checks["upstream-sms"].GetProperty("status").GetString());
            Assert.Equal("Healthy", checks["upstream-national"].GetProperty("status").GetString());
            Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
            Assert.Equal("Healthy", checks["job-storage"].GetProperty("status").GetString());
        }

        var run = await DigitalEduApp.RunSyncAsync(client);
        Assert.Equal("partially_failed", run.Status);
        var failedBatches = run.Counts.GetProperty("batchesFailed").GetInt32();
        Assert.True(failedBatches > 0);

        using var posted = await webhook.Received.WaitAsync(TimeSpan.FromSeconds(60));
        var body = posted.RootElement;
        Assert.Equal("run_failed", body.GetProperty("event").GetString());
        Assert.Equal(run.Id, body.GetProperty("runId").GetGuid());
        Assert.Equal("partially_failed", body.GetProperty("status").GetString());
        var batches = body.GetProperty("failedBatches").EnumerateArray().ToList();
        Assert.Equal(Math.Min(failedBatches, 50), batches.Count);
        Assert.All(batches, b => Assert.Equal("provincial", b.GetProperty("source").GetString()));
        Assert.NotEmpty(body.GetProperty("schoolsOverThreshold").EnumerateArray());
        Assert.Contains("partially_failed", body.GetProperty("text").GetString(), StringComparison.Ordinal);

        var mail = await smtp.Received.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("digitaledu@example.org", mail.From, StringComparison.Ordinal);
        Assert.Equal(["<ops@example.org>", "<officer@example.org>"], mail.To);
        Assert.Contains($"Subject: DigitalEdu: run {run.Id} partially_failed", mail.Headers, StringComparison.Ordinal);

        // The refused connections are counted by upstream and cause; the webhook's secret path reaches no log line.
        var errors = app.CollectMetrics()["digitaledu.upstream.errors"];
        var provincialErrors = 0L;
        foreach (var point in errors.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "digitaledu.source" && (string?)tag.Value == "provincial")
                {
                    provincialErrors += point.GetSumLong();
                }
            }
        }

        // Counted per attempt that reached the wire: once the circuit breaker opens, later pages fail without a call, so a run
        // with many failed batches counts at least the breaker's minimum throughput of errors, not one per batch.
        const int breakerMinimumThroughput = 20; // Upstreams:*:Resilience:CircuitBreakerMinimumThroughput's default
        Assert.True(failedBatches > 0 && provincialErrors >= Math.Min(failedBatches, breakerMinimumThroughput),
            $"{provincialErrors} provincial errors counted for {failedBatches} failed batches");
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(WebhookSecret, StringComparison.Ordinal));
        // (The receiver's own server span is in this process too; the service's side is the client span.)
        Assert.DoesNotContain(app.Spans(), s => s.Kind == System.Diagnostics.ActivityKind.Client && s.Tags.Any(t => t.Value?.Contains(WebhookSecret, StringComparison.Ordinal) == true));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
