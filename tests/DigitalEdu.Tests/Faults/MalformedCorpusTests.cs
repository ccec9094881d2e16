using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Faults;

/// <summary>
/// Every record of the malformed corpus, added to every page of every listing, ends in quarantine with its reasons, while the
/// good records on those same pages are all stored.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MalformedCorpusTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;
    private DigitalEduApp app = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 3, Persons = 600 }.WithFreePorts(), CancellationToken.None);
        app = await DigitalEduApp.StartAsync(simulators, FaultRun.Settings(pageSize: 100));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await simulators.DisposeAsync();
    }

    [Fact]
    public void The_corpus_has_at_least_50_distinct_defects_over_all_seven_listings()
    {
        var corpus = MalformedRecords.All;
        Assert.True(corpus.Count >= 50, $"only {corpus.Count} malformed records");
        Assert.Equal(corpus.Count, corpus.Select(r => r.Id).Distinct().Count());
        Assert.Equal(corpus.Count, corpus.Select(r => (r.Dataset, r.Defect)).Distinct().Count());
        Assert.Equal(7, corpus.Select(r => r.Dataset).Distinct().Count());
        Assert.Contains(corpus, r => !System.Text.Unicode.Utf8.IsValid(r.Json));
        Assert.Contains(corpus, r => r.Defect.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_malformed_record_is_quarantined_with_reasons_and_the_rest_of_its_page_is_stored()
    {
        var client = await app.CreateClientAsync("operator");
        simulators.SetFaults(FaultSettings.Every(1.0, FaultKind.Malformed) with { MalformedPerPage = 1000 });

        var run = await DigitalEduApp.RunSyncAsync(client);
        simulators.ClearFaults();
        Assert.Equal("succeeded", run.Status);

        var quarantined = new List<(string Raw, string[] Reasons, string Dataset)>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT raw_json, reasons, dataset FROM quarantine WHERE run_id = @run", connection);
            command.Parameters.AddWithValue("run", run.Id);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                quarantined.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2)));
            }
        }

        var notQuarantined = MalformedRecords.All
            .Where(r => !quarantined.Any(q => q.Raw.Contains($"\"{r.Marker}\"", StringComparison.Ordinal) && q.Reasons.Length > 0 && q.Reasons.All(s => s.Length > 0)))
            .Select(r => $"{r.Id} ({r.Defect})")
            .ToList();
        Assert.True(notQuarantined.Count == 0, $"not quarantined with a reason: {string.Join(", ", notQuarantined)}");

        // Nothing else was quarantined than the corpus and the records planted malformed in the data.
        Assert.All(quarantined.Where(q => !q.Raw.Contains("FAULT-", StringComparison.Ordinal)), q =>
            Assert.Contains(simulators.GroundTruth.Quarantined, p => p.Key is null || q.Raw.Contains(p.Key, StringComparison.Ordinal)));

        await FaultRun.AssertExactAsync(app, client);
    }
}
