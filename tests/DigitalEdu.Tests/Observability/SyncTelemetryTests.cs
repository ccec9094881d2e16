using System.Diagnostics;
using DigitalEdu.Sync.Telemetry;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;
using OpenTelemetry.Metrics;

namespace DigitalEdu.Tests.Observability;

/// <summary>The traces and metrics of one full run: the spans an operator follows, and figures that add up to the run's own counts.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SyncTelemetryTests(SyncRunObservation observation) : IClassFixture<SyncRunObservation>
{
    private RunResult Run => observation.Run;

    [Fact]
    public void Run_spans_are_one_plan_one_pull_per_pull_one_batch_per_batch_and_one_reconcile_all_in_the_run_trace()
    {
        Assert.Equal("succeeded", Run.Status);
        var counts = Run.Counts;
        var runId = Run.Id.ToString();
        var all = observation.App.Spans();
        var sync = all.Where(s => s.Source.Name == SyncTelemetry.Name && (string?)s.GetTagItem(SyncTelemetry.RunIdTag) == runId).ToList();

        Assert.Single(sync, s => s.OperationName == "sync.plan");
        var reconcile = Assert.Single(sync, s => s.OperationName == "sync.reconcile");

        // The reconcile's steps are spans of their own under it, and their times are among the run's figures.
        var steps = all.Where(s => s.ParentSpanId == reconcile.SpanId && s.OperationName.StartsWith("sync.reconcile.", StringComparison.Ordinal))
            .Select(s => s.OperationName["sync.reconcile.".Length..]).ToList();
        Assert.Equal(["duplicates", "pairs", "findings", "upsert", "resolve", "coverage"], steps.Intersect(["duplicates", "pairs", "findings", "upsert", "resolve", "coverage"]));
        var milliseconds = counts.GetProperty("milliseconds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.All(steps.Append("apply"), step => Assert.True(milliseconds.TryGetValue(step, out var ms) && ms >= 0, step));
        var pulls = sync.Where(s => s.OperationName == "sync.pull").ToList();
        var batches = sync.Where(s => s.OperationName == "sync.batch").ToList();
        Assert.Equal(counts.GetProperty("pulls").GetInt32(), pulls.Count);
        Assert.Equal(counts.GetProperty("batches").GetInt32(), batches.Count);
        Assert.Equal(batches.Count, batches.Select(b => b.GetTagItem(SyncTelemetry.BatchIdTag)).Distinct().Count());

        // One trace per run, whatever thread or worker ran each job: its id is the run id.
        Assert.All(sync, s => Assert.Equal(Run.Id.ToString("N"), s.TraceId.ToHexString()));
        Assert.All(pulls, p =>
        {
            Assert.NotNull(p.GetTagItem(SyncTelemetry.SourceTag));
            Assert.NotNull(p.GetTagItem(SyncTelemetry.DatasetTag));
            Assert.NotNull(p.GetTagItem(SyncTelemetry.SchoolTag));
        });

        // Each batch hangs under its pull, and its upstream call under it. A lane commits the pages it read for its block of
        // pulls together: each commit is a span of the run with its database work under it, and every batch's page is in one.
        var pullSpanIds = pulls.Select(p => p.SpanId).ToHashSet();
        Assert.All(batches, b => Assert.Contains(b.ParentSpanId, pullSpanIds));
        var childrenOf = all.Where(s => s.TraceId == batches[0].TraceId).ToLookup(s => s.ParentSpanId);
        Assert.All(batches, b => Assert.Contains(childrenOf[b.SpanId], c => c.Kind == ActivityKind.Client && c.Source.Name != "Npgsql"));
        var commits = sync.Where(s => s.OperationName == "sync.commit").ToList();
        Assert.All(commits, c => Assert.Contains(childrenOf[c.SpanId], d => d.Source.Name == "Npgsql"));
        Assert.Equal(batches.Count, commits.Sum(c => (int)c.GetTagItem(SyncTelemetry.PagesTag)!));
        Assert.True(commits.Count < batches.Count, $"{commits.Count} commits for {batches.Count} pages: pages are committed together");

        // A lane commits once the pages it holds reach Sync:RecordsPerCommit records, so it never holds more than that and a page.
        var records = commits.Select(c => (int)c.GetTagItem(SyncTelemetry.RecordsTag)!).ToList();
        var received = counts.GetProperty("sources").EnumerateObject().Sum(s => s.Value.GetProperty("received").GetInt32());
        Assert.Equal(received, records.Sum());
        Assert.Contains(records, r => r >= SyncRunObservation.RecordsPerCommit);
        Assert.All(records, r => Assert.True(r < SyncRunObservation.RecordsPerCommit + 1000, $"a commit of {r} records"));
    }

    [Fact]
    public async Task Run_metrics_add_up_to_the_runs_own_figures()
    {
        var counts = Run.Counts;
        var metrics = observation.App.CollectMetrics();
        var sources = counts.GetProperty("sources").EnumerateObject().ToList();
        var received = sources.Sum(s => s.Value.GetProperty("received").GetInt32());
        var stored = sources.Sum(s => s.Value.GetProperty("stored").GetInt32());
        var quarantined = counts.GetProperty("quarantined").GetInt32();
        Assert.True(quarantined > 0, "The simulators plant malformed records; the run must have quarantined some.");

        Assert.Equal(received, Sum(metrics["digitaledu.sync.records.pulled"]));
        Assert.Equal(stored + quarantined, Sum(metrics["digitaledu.sync.records.pulled"]));
        Assert.Equal(quarantined, Sum(metrics["digitaledu.sync.records.quarantined"]));
        foreach (var source in sources)
        {
            Assert.Equal(source.Value.GetProperty("received").GetInt32(), Sum(metrics["digitaledu.sync.records.pulled"], SyncTelemetry.SourceTag, source.Name));
        }

        Assert.Equal(counts.GetProperty("batches").GetInt32(), Sum(metrics["digitaledu.sync.batches"]));
        Assert.Equal(counts.GetProperty("batches").GetInt32(), metrics["digitaledu.sync.batch.duration"].MetricPoints.Sum(p => p.GetHistogramCount()));
        Assert.Equal(1, Sum(metrics["digitaledu.sync.runs"], SyncTelemetry.StatusTag, "succeeded"));
        foreach (var upstream in new[] { "sms", "provincial", "national" })
        {
            Assert.True(Sum(metrics["digitaledu.upstream.requests"], "digitaledu.source", upstream) > 0, upstream);
        }

        // The open-items gauge says what the queues hold.
        var open = await OpenItemsByKindAsync();
        var gauge = metrics["digitaledu.mismatches.open"].MetricPoints.ToDictionary(p => Tag(p, SyncTelemetry.KindTag)!, p => p.GetGaugeLastValueLong());
        Assert.All(DigitalEdu.Domain.Vocabulary.MismatchKinds.All, kind => Assert.Equal(open.GetValueOrDefault(kind), gauge[kind]));
        Assert.True(gauge.Values.Sum() > 0);

        // The scrape endpoint serves the same instruments under Prometheus' names.
        foreach (var name in new[] { "digitaledu_sync_records_pulled_total", "digitaledu_sync_batch_duration_seconds_bucket", "digitaledu_sync_runs_total", "digitaledu_upstream_requests_total", "digitaledu_mismatches_open{", "digitaledu_sync_records_quarantined_total" })
        {
            Assert.Contains(name, observation.MetricsScrape, StringComparison.Ordinal);
        }
    }

    private async Task<Dictionary<string, long>> OpenItemsByKindAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(observation.App.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT kind, count(*) FROM mismatches WHERE status = 'open' GROUP BY kind");
        await using var reader = await command.ExecuteReaderAsync();
        var open = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            open[reader.GetString(0)] = reader.GetInt64(1);
        }

        return open;
    }

    private static long Sum(MetricSnapshot metric, string? tag = null, string? value = null)
    {
        var total = 0L;
        foreach (var point in metric.MetricPoints)
        {
            if (tag is null || Tag(point, tag) == value)
            {
                total += point.GetSumLong();
            }
        }

        return total;
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
