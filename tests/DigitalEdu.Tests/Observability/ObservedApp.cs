using System.Diagnostics;
using System.Net.Http.Headers;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DigitalEdu.Tests.Observability;

/// <summary>
/// The service as <see cref="DigitalEduApp"/> runs it, with everything it emits kept for the test: spans and metrics through
/// OpenTelemetry's in-memory exporters, and every log line at Debug and above.
/// </summary>
public sealed class ObservedApp : IAsyncDisposable
{
    private readonly DigitalEduApp app;
    private readonly List<Activity> spans = [];
    private readonly List<MetricSnapshot> metrics = [];

    private ObservedApp(DigitalEduApp app)
    {
        this.app = app;
        Factory = app.WithWebHostBuilder(builder => builder
            .ConfigureLogging(logging => logging
                .AddProvider(Logs)
                .AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug))
            .ConfigureServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))));
    }

    public WebApplicationFactory<Program> Factory { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public string ConnectionString => app.ConnectionString;

    public static async Task<ObservedApp> StartAsync(SimulatorHost simulators, IDictionary<string, string?>? overrides = null) =>
        new(await DigitalEduApp.StartAsync(simulators, overrides));

    /// <summary>The spans ended so far (the in-memory exporter receives each span as it ends).</summary>
    public IReadOnlyList<Activity> Spans()
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    /// <summary>Collects the metrics now and returns the latest figure of each instrument (cumulative since the host started).</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
    }

    public async Task<(HttpClient Client, string Token)> CreateClientAsync(string role)
    {
        var token = await DigitalEduApp.IssueTokenAsync(Factory.Services, role);

        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await app.DisposeAsync();
    }
}
