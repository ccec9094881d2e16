using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Faults;

/// <summary>
/// Every record of the malformed corpus, added to every page of every listing, ends as it states: quarantined with its reasons
/// when it cannot be placed (with a placeholder when it can still be attributed), otherwise kept with its bad field unknown or
/// its unfamiliar code kept as sent; the good records on those same pages are all stored.
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
    public void Every_record_of_the_corpus_states_what_reading_makes_of_it()
    {
        // Under the reading rules, only what cannot be placed is quarantined; most defects now leave the record kept.
        var corpus = MalformedRecords.All;
        Assert.All(corpus.Where(r => r.Outcome is MalformedOutcome.Unreadable or MalformedOutcome.UnknownCode), r => Assert.NotNull(r.Field));
        Assert.All(corpus.Where(r => r.Outcome == MalformedOutcome.UnknownCode), r => Assert.NotNull(r.Code));
        foreach (var outcome in Enum.GetValues<MalformedOutcome>())
        {
            Assert.Contains(corpus, r => r.Outcome == outcome);
        }
    }

    [Fact]
    public async Task Every_malformed_record_is_kept_or_quarantined_as_it_states_and_the_rest_of_its_page_is_stored()
    {
        var client = await app.CreateClientAsync("operator");
        simulators.SetFaults(FaultSettings.Every(1.0, FaultKind.Malformed) with { MalformedPerPage = 1000 });

        var run = await DigitalEduApp.RunSyncAsync(client);
        simulators.ClearFaults();
        Assert.Equal("succeeded", run.Status);

        var quarantined = await SqlRows.ReadAsync(app.ConnectionString,
            "SELECT raw_json, reasons FROM quarantine WHERE run_id = @run", r => (Raw: r.GetString(0), Reasons: r.GetFieldValue<string[]>(1)), ("run", run.Id));
        bool InQuarantine(MalformedRecord r) =>
            quarantined.Any(q => q.Raw.Contains($"\"{r.Marker}\"", StringComparison.Ordinal) && q.Reasons.Length > 0 && q.Reasons.All(s => s.Length > 0));

        // What cannot be placed is quarantined whole, with its reasons; a person that can still be attributed leaves a placeholder.
        var placeholders = await SqlRows.ReadAsync(app.ConnectionString,
            "SELECT coalesce(moet_code, ''), coalesce(personal_id_digits, '') FROM person_records WHERE quarantine_reasons IS NOT NULL",
            r => (Moet: r.GetString(0), Id: r.GetString(1)));
        var wrong = new List<string>();
        foreach (var record in MalformedRecords.All.Where(r => r.Outcome is MalformedOutcome.Quarantined or MalformedOutcome.QuarantinedAttributable))
        {
            var (moet, id) = MalformedRecords.Identity(record);
            var placed = placeholders.Any(p => (moet is not null && p.Moet == moet) || (id is not null && p.Id == id));
            if (!InQuarantine(record) || placed != (record.Outcome == MalformedOutcome.QuarantinedAttributable))
            {
                wrong.Add($"{record.Id} ({record.Defect}): quarantined {InQuarantine(record)}, placeholder {placed}");
            }
        }

        // Everything else is kept, its bad field unknown with the value as received, or its unfamiliar code kept as sent.
        var stored = await SqlRows.ReadAsync(app.ConnectionString,
            """
            SELECT source_key, coalesce(moet_code, ''), coalesce(unreadable::text, '{}'), coalesce(unknown_codes::text, '{}') FROM person_records
            UNION ALL SELECT exam_id, '', coalesce(unreadable::text, '{}'), '{}' FROM health_exams
            """,
            r => (Key: r.GetString(0), Moet: r.GetString(1), Unreadable: JsonDocument.Parse(r.GetString(2)).RootElement.Clone(),
                  Unknown: JsonDocument.Parse(r.GetString(3)).RootElement.Clone()));
        foreach (var record in MalformedRecords.All.Where(r => r.Outcome is MalformedOutcome.Unreadable or MalformedOutcome.UnknownCode))
        {
            var moet = MalformedRecords.Identity(record).Moet;
            var row = stored.Where(s => s.Key == record.Id || (moet is not null && s.Key == moet)).ToList();
            var ok = row.Count == 1 && (record.Outcome == MalformedOutcome.Unreadable
                ? row[0].Unreadable.TryGetProperty(record.Field!, out _)
                : row[0].Unknown.TryGetProperty(record.Field!, out var code) && code.GetString() == record.Code);
            if (!ok || InQuarantine(record))
            {
                wrong.Add($"{record.Id} ({record.Defect}): stored {row.Count}, expected {record.Outcome} {record.Field}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        // Nothing else was quarantined than the corpus and the records planted malformed in the data.
        Assert.All(quarantined.Where(q => !q.Raw.Contains("FAULT-", StringComparison.Ordinal)), q =>
            Assert.Contains(simulators.GroundTruth.Quarantined, p => p.Key is null || q.Raw.Contains(p.Key, StringComparison.Ordinal)));

        await FaultRun.AssertExactAsync(app, client);
    }
}
