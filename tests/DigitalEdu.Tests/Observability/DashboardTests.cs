using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitalEdu.Connectors.Telemetry;
using DigitalEdu.Sync.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalEdu.Tests.Observability;

/// <summary>The Grafana dashboard and the Prometheus configuration refer to metrics the code actually registers.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public void Every_metric_the_dashboard_queries_is_registered_under_its_Prometheus_name_and_each_instrument_is_shown()
    {
        var registered = RegisteredPrometheusNames();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "ops", "grafana", "dashboards", "digitaledu.json")));
        Assert.False(string.IsNullOrWhiteSpace(dashboard.RootElement.GetProperty("uid").GetString()));
        var expressions = Expressions(dashboard.RootElement).ToList();
        Assert.NotEmpty(expressions);

        // Label names (digitaledu_source, ...) live in by (...) clauses and {...} selectors; metric names are what is left.
        var referenced = expressions
            .Select(e => LabelClauses().Replace(e, " "))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = referenced.Where(name => !registered.Values.Any(names => names.Contains(name))).ToList();
        Assert.True(unknown.Count == 0, $"the dashboard queries metrics no instrument exports: {string.Join(", ", unknown)}");

        var unshown = registered.Where(r => !r.Value.Overlaps(referenced)).Select(r => r.Key).ToList();
        Assert.True(unshown.Count == 0, $"instruments without a panel: {string.Join(", ", unshown)}");
    }

    [Fact]
    public void Prometheus_scrapes_the_web_host_and_both_workers_at_the_metrics_path()
    {
        var config = File.ReadAllText(Path.Combine(RepositoryRoot(), "ops", "prometheus.yml"));
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        Assert.Contains("metrics_path: /metrics", config, StringComparison.Ordinal);
        foreach (var service in new[] { "web", "worker-1", "worker-2" })
        {
            Assert.Contains($"\"{service}:8080\"", config, StringComparison.Ordinal);
            Assert.Contains($"\n  {service}:\n", compose, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Each DigitalEdu instrument by its OpenTelemetry name, with the names Prometheus shows it under: dots become
    /// underscores, the unit is appended (annotations in braces are not units), counters end in _total, histograms come
    /// as _bucket, _sum and _count.
    /// </summary>
    private static Dictionary<string, HashSet<string>> RegisteredPrometheusNames()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name is SyncTelemetry.Name or UpstreamTelemetry.Name)
                {
                    lock (instruments)
                    {
                        instruments.Add(instrument);
                    }
                }
            },
        };
        listener.Start();

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused");
        using var sync = new SyncTelemetry(meters, new OpenItemsSnapshot(dataSource));
        using var upstream = new UpstreamTelemetry(meters);

        var names = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        lock (instruments)
        {
            foreach (var instrument in instruments)
            {
                var baseName = instrument.Name.Replace('.', '_') + UnitSuffix(instrument.Unit);
                var type = instrument.GetType().GetGenericTypeDefinition();
                names[instrument.Name] = type == typeof(Counter<>) || type == typeof(ObservableCounter<>)
                    ? [baseName + "_total"]
                    : type == typeof(Histogram<>)
                        ? [baseName + "_bucket", baseName + "_sum", baseName + "_count"]
                        : [baseName];
            }
        }

        Assert.Contains("digitaledu.sync.runs", names.Keys);
        Assert.Contains("digitaledu.mismatches.open", names.Keys);
        return names;
    }

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" => "",
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        "1" => "_ratio",
        _ when unit.StartsWith('{') => "",
        _ => "_" + unit,
    };

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var expression in Expressions(property.Value))
                        {
                            yield return expression;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var expression in Expressions(item))
                    {
                        yield return expression;
                    }
                }

                break;
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DigitalEdu.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DigitalEdu.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)|\{[^}]*\}")]
    private static partial Regex LabelClauses();

    [GeneratedRegex(@"\bdigitaledu_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
