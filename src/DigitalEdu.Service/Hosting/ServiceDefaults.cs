using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// Cross-cutting defaults in one place: problem details, telemetry, health, and what a process's role serves. They know no
/// feature: every DigitalEdu activity source and meter is picked up by its name's prefix, and each feature adds its own health
/// checks and options.
/// </summary>
public static class ServiceDefaults
{
    public const string ActivitySourceName = "DigitalEdu";

    public const string MetricsPath = "/metrics";

    /// <summary>Marks an outgoing request that tracing leaves out (a webhook whose URL carries its secret).</summary>
    public static readonly HttpRequestOptionsKey<bool> UntracedRequest = DigitalEdu.Connectors.Telemetry.HttpTracing.Untraced;

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.AddBadRequestHandling();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowTrailingCommas = false);

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(ActivitySourceName + "*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationsPath(context.Request.Path))
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => !request.Options.TryGetValue(UntracedRequest, out _))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(ActivitySourceName + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter())
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                // Run and batch ids travel in logging scopes; without them an exported log line loses its run.
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });

        // OTLP only where a collector is configured, as the OpenTelemetry environment variables say.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddSettings<HealthOptions>(HealthOptions.Section);
        builder.Services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, CachedReadinessChecks>();

        // A separate metrics port, added to the addresses the host listens on (the scrape need not share the public port).
        var metrics = builder.Configuration.ValidatedNow<MetricsOptions>(MetricsOptions.Section);
        builder.Services.AddSettings<MetricsOptions>(MetricsOptions.Section);
        if (metrics.Port is { } port)
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
            var httpPorts = builder.Configuration["HTTP_PORTS"] ?? builder.Configuration["http_ports"];
            var served = !string.IsNullOrWhiteSpace(urls) ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries)
                : !string.IsNullOrWhiteSpace(httpPorts) ? httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p}").ToArray()
                : ["http://localhost:5000"];
            builder.WebHost.UseUrls([.. served, $"http://*:{port}"]);
        }

        return builder;
    }

    /// <summary>
    /// Put first in the pipeline of a worker-only process: it serves health and metrics, and everything else the host maps
    /// (API, pages) answers 404 there, ahead of authentication, so a worker never becomes a second, unannounced web front.
    /// </summary>
    public static IApplicationBuilder UseWorkerGate(this WebApplication app)
    {
        // With Metrics:Port set, that port serves the scrape and nothing else, and no other port serves it: the check is on
        // the port the connection came in on, which a client cannot choose by what it writes in Host.
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is { } metricsPort)
        {
            app.Use((context, next) =>
            {
                var isScrape = context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
                if (isScrape == (context.Connection.LocalPort == metricsPort))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }

        if (app.Configuration.GetServiceRole().ServesWeb())
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (IsOperationsPath(context.Request.Path))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var report = new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live"), ResponseWriter = report.ResponseWriter })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = report.ResponseWriter })
            .AllowAnonymous();

        // Anonymous like the health checks: the figures are counts by source, dataset, status and kind, never a person.
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    internal static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The <c>Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>A port of its own for <c>/metrics</c>, which then answers there only; unset, it shares the host's port.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535, ErrorMessage = "Metrics:Port must be between 1 and 65535.")]
    public int? Port { get; set; }
}
