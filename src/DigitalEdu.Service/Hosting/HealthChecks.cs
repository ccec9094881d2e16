using System.Text.Json;
using DigitalEdu.Connectors.Configuration;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Service.Hosting;

internal static class UpstreamHealthChecks
{
    public const string HttpClientName = "DigitalEdu.Health";

    // A readiness probe runs every few seconds; an upstream that has not answered by then is as good as down.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddUpstreamChecks(this IHealthChecksBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = ProbeTimeout).RemoveAllLoggers();

        // Degraded, not Unhealthy: without one upstream the API still serves the queues; the runs say what they missed.
        builder.AddTypeActivatedCheck<UpstreamHealthCheck>("upstream-sms", HealthStatus.Degraded, ["ready"], args: "Sms");
        builder.AddTypeActivatedCheck<UpstreamHealthCheck>("upstream-provincial", HealthStatus.Degraded, ["ready"], args: "Provincial");
        builder.AddTypeActivatedCheck<UpstreamHealthCheck>("upstream-national", HealthStatus.Degraded, ["ready"], args: "National");
        return builder;
    }
}

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM __ef_migrations_history");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable or not migrated.", ex);
        }
    }
}

/// <summary>Hangfire's storage answers: the queues can be read, and how many workers share them.</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's monitoring API is synchronous; keep it off the request thread.
            var statistics = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), cancellationToken);
            return HealthCheckResult.Healthy(
                $"{statistics.Servers} job servers, {statistics.Enqueued} jobs enqueued, {statistics.Processing} processing, {statistics.Failed} failed.",
                new Dictionary<string, object>
                {
                    ["servers"] = statistics.Servers,
                    ["enqueued"] = statistics.Enqueued,
                    ["processing"] = statistics.Processing,
                    ["failed"] = statistics.Failed,
                });
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The job storage is unreachable or its schema is not installed (run the migrate command).", ex);
        }
    }
}

/// <summary>
/// One upstream answers HTTP at its base URL. Any answer counts, 404 included: the probe asks whether the host is there,
/// not whether our credentials work (a failed token request shows up on the batches and the upstream-error metric).
/// </summary>
internal sealed class UpstreamHealthCheck(string upstream, IServiceProvider services, IHttpClientFactory httpClients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var baseUrl = upstream switch
        {
            "Sms" => services.GetRequiredService<IOptions<SmsOptions>>().Value.BaseUrl,
            "Provincial" => services.GetRequiredService<IOptions<ProvincialOptions>>().Value.BaseUrl,
            _ => services.GetRequiredService<IOptions<NationalOptions>>().Value.BaseUrl,
        };
        var target = new Uri(baseUrl, UriKind.Absolute);

        // Only scheme, host and port go into the report: a base URL could carry user information.
        var where = target.GetLeftPart(UriPartial.Authority);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, target);
            using var response = await httpClients.CreateClient(UpstreamHealthChecks.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HealthCheckResult.Healthy($"{upstream} ({where}) answers ({(int)response.StatusCode}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is HttpRequestException http ? http.HttpRequestError.ToString() : "Timeout";
            return new HealthCheckResult(context.Registration.FailureStatus, $"{upstream} ({where}) is unreachable: {reason}.");
        }
    }
}

/// <summary>
/// A JSON health report: overall status and each check's status for anyone (a load balancer needs no more), and what each
/// check found (hosts, job counts) for a signed-in operator only.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var detailed = context.User.IsInRole(Access.Roles.Operator);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = detailed ? e.Value.Description : null,
                data = detailed && e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), context.RequestAborted);
    }
}

/// <summary>The <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// How long a readiness check's result is reused: a probe every second, or a flood of anonymous calls, still reaches the
    /// database and each upstream at most once in this time. 0 checks on every call.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 300, ErrorMessage = "Health:CacheSeconds must be between 0 and 300.")]
    public int CacheSeconds { get; set; } = 5;
}

/// <summary>
/// Wraps every readiness check so its result is computed at most once per <see cref="HealthOptions.CacheSeconds"/>, whoever
/// asks and however many at once: callers in that time share one evaluation.
/// </summary>
internal sealed class CachedReadinessChecks(IOptions<HealthOptions> options, TimeProvider clock) : IPostConfigureOptions<HealthCheckServiceOptions>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset At, Lazy<Task<HealthCheckResult>> Result)> latest = new();

    public void PostConfigure(string? name, HealthCheckServiceOptions checks)
    {
        if (options.Value.CacheSeconds == 0)
        {
            return;
        }

        foreach (var registration in checks.Registrations.Where(r => r.Tags.Contains("ready")))
        {
            var inner = registration.Factory;
            registration.Factory = services => new Cached(registration.Name, () => inner(services), this);
        }
    }

    private Task<HealthCheckResult> ResultAsync(string name, Func<IHealthCheck> check, HealthCheckContext context)
    {
        var now = clock.GetUtcNow();
        var ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        var entry = latest.AddOrUpdate(
            name,
            _ => (now, Evaluate()),
            (_, current) => now - current.At < ttl ? current : (now, Evaluate()));
        return entry.Result.Value;

        // Not the caller's cancellation: the evaluation is shared, and each check bounds its own time.
        Lazy<Task<HealthCheckResult>> Evaluate() => new(() => check().CheckHealthAsync(context, CancellationToken.None));
    }

    private sealed class Cached(string name, Func<IHealthCheck> check, CachedReadinessChecks cache) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            cache.ResultAsync(name, check, context).WaitAsync(cancellationToken);
    }
}
