using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Faults;

/// <summary>
/// A full run against three upstreams that fail about 30% of data calls in every way the contracts allow, ending (after the
/// operator re-runs what failed) with exactly what a clean run stores and publishes. It also writes the reliability summary.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FaultyRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string SummaryFile = "reliability-summary.txt";

    private SimulatorHost simulators = null!;
    private DigitalEduApp app = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(FaultRun.Simulators(), CancellationToken.None);

        // One page attempt of two HTTP attempts: enough faults get through the pipeline that some batches fail and are re-run.
        app = await DigitalEduApp.StartAsync(simulators, FaultRun.Settings(maxRetryAttempts: 1, batchAttempts: 1));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await simulators.DisposeAsync();
    }

    [Fact]
    public async Task Run_with_30_percent_faults_of_every_kind_ends_with_exactly_the_records_and_items_of_a_clean_run()
    {
        var client = await app.CreateClientAsync("operator");
        var settings = new FaultSettings { Rate = 0.3, Kinds = FaultKinds.All, Seed = 7, SlowMilliseconds = 300, RetryAfterSeconds = 1, HangLimitSeconds = 30 };
        simulators.SetFaults(settings);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runId = await FaultRun.StartRunAsync(client);
        var first = await DigitalEduApp.WaitForRunAsync(client, runId);
        output.WriteLine($"first pass {first.Status} after {clock.Elapsed}");
        Assert.True(first.Status is "succeeded" or "partially_failed", $"run {first.Status}: {first.Error}");
        var reRuns = await FaultRun.CompleteWithRetriesAsync(client, app.ConnectionString, runId);
        simulators.ClearFaults();
        output.WriteLine($"settled after {clock.Elapsed}");

        var run = (await client.GetFromJsonAsync<RunResult>($"/api/v1/sync-runs/{runId}"))!;
        Assert.Equal("succeeded", run.Status);
        await FaultRun.AssertExactAsync(app, client);
        Assert.Equal(0, await FaultRun.DuplicatePagesAsync(app.ConnectionString, runId));

        var injected = simulators.InjectedFaults();
        Assert.All(FaultKinds.All, kind => Assert.True(injected[kind] > 0, $"no {kind.WireName()} fault was injected"));
        Assert.True(reRuns > 0, "no batch failed, so the re-run path was not exercised");
        Assert.Equal(first.Status == "partially_failed", reRuns > 0);

        var summary = await SummaryAsync(runId, settings, first.Status, reRuns);
        output.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, SummaryFile), summary);
    }

    private async Task<string> SummaryAsync(Guid runId, FaultSettings settings, string firstStatus, int reRuns)
    {
        var cs = app.ConnectionString;
        Task<long> Count(string sql) => FaultRun.ScalarAsync(cs, sql, runId);
        var expected = simulators.ExpectedStoredCounts();
        var stored = await FaultRun.StoredCountsAsync(cs);
        var (requests, distinct) = simulators.FaultedTraffic();
        var lost = expected.Sum(kv => Math.Max(0, kv.Value - stored.GetValueOrDefault(kv.Key)));
        var duplicateRows = await Count(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM person_records GROUP BY source, person_kind, source_key HAVING count(*) > 1) p)" +
            " + (SELECT count(*) FROM (SELECT 1 FROM health_exams GROUP BY exam_id HAVING count(*) > 1) h)");
        var extraRows = expected.Sum(kv => Math.Max(0, stored.GetValueOrDefault(kv.Key) - kv.Value));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reliability summary: one full run, {simulators.Options.Schools} schools, {simulators.Options.Persons} persons, 3 upstreams");
        text.AppendLine(CultureInfo.InvariantCulture, $"  faults: rate {settings.Rate:0.00} of data calls, kinds {string.Join(",", settings.Kinds.Select(k => k.WireName()))}, seed {settings.Seed}");
        text.AppendLine("faults injected by type:");
        foreach (var source in Enum.GetValues<UpstreamSource>())
        {
            var byKind = simulators.InjectedFaults(source);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {source,-10} {string.Join("  ", byKind.Select(kv => $"{kv.Key.WireName()}={kv.Value}"))}  total={byKind.Values.Sum()}");
        }

        var all = simulators.InjectedFaults();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"all",-10} {string.Join("  ", all.Select(kv => $"{kv.Key.WireName()}={kv.Value}"))}  total={all.Values.Sum()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"upstream data calls: {requests}, distinct {distinct}, retried calls (same request again): {requests - distinct}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"batches: {await Count("SELECT count(*) FROM batches WHERE run_id = @run")} total, " +
            $"{await Count("SELECT count(*) FROM batches WHERE run_id = @run AND status = 'succeeded'")} succeeded, " +
            $"page attempts beyond the first {await Count("SELECT coalesce(sum(attempts - 1), 0) FROM batches WHERE run_id = @run")}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"batches failed: {await Count("SELECT count(*) FROM batches WHERE run_id = @run AND status IN ('failed', 'retried')")}, re-run: {reRuns}, " +
            $"still failed: {await Count("SELECT count(*) FROM batches WHERE run_id = @run AND status = 'failed'")}; run was {firstStatus}, ends succeeded");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"quarantined: {await Count("SELECT count(*) FROM quarantine WHERE run_id = @run")} " +
            $"(injected malformed {await Count("SELECT count(*) FROM quarantine WHERE run_id = @run AND raw_json LIKE '%FAULT-%'")}, " +
            $"planted in the data {simulators.GroundTruth.Quarantined.Count} distinct)");
        text.AppendLine(CultureInfo.InvariantCulture, $"records expected {expected.Values.Sum()}, stored {stored.Values.Sum()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"records lost: {lost}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"duplicates: {duplicateRows + extraRows} (rows stored twice {duplicateRows}, rows beyond the ground truth {extraRows}, " +
            $"pages committed twice {await FaultRun.DuplicatePagesAsync(cs, runId)})");
        return text.ToString();
    }
}
