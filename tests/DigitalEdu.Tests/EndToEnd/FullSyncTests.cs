using System.Net.Http.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>One full sync on real parts: the simulators over HTTP, real PostgreSQL, the service's API and workers.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FullSyncTests : FreshProvinceTests
{
    [Fact]
    public async Task Full_run_publishes_exactly_the_planted_discrepancies_and_a_second_run_adds_none()
    {
        var client = await App.CreateClientAsync("operator");

        var first = await DigitalEduApp.RunSyncAsync(client);
        Assert.Equal("succeeded", first.Status);

        // The first full run replaced the stored tables; their secondary indexes were built alongside the reconcile, and the
        // run ended only once they were all there.
        Assert.True(first.Counts.GetProperty("milliseconds").TryGetProperty("indexes_alongside", out _));

        // The apply analysed the new tables (ANALYZE in the reconcile's transaction would hold up those builds until its end).
        Assert.False(first.Counts.GetProperty("milliseconds").TryGetProperty("statistics", out _));
        Assert.Equal(2, await ScalarAsync(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('person_records', 'health_exams') AND last_analyze IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM deferred_indexes"));
        Assert.Equal(7, await ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = 'person_records'"));
        Assert.Equal(4, await ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = 'health_exams'"));

        var published = await DigitalEduApp.ListAllMismatchesAsync(client, "&status=open");
        var expected = Simulators.GroundTruth.Items
            .Select(i => Key(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field))
            .ToList();
        var actual = published
            .Select(i => Key(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field))
            .ToList();

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing {missing.Count} ({Tally(missing)}): {string.Join("; ", missing.Take(10))}\n" +
            $"extra {extra.Count} ({Tally(extra)}): {string.Join("; ", extra.Take(10))}");
        Assert.Equal(expected.Count, actual.Count);

        // The codes nobody knew: exactly those the simulators sent, with their record counts, each seen first in this run.
        var drift = (await client.GetFromJsonAsync<CodeDriftDto>("/api/v1/code-drift"))!;
        Assert.Equal(first.Id, drift.RunId);
        Assert.Equal(
            Simulators.GroundTruth.CodeDrift.Select(d => $"{d.Source}|{d.Field}|{d.Code}|{d.Records}").Order(StringComparer.Ordinal),
            drift.Items.Select(d => $"{d.Source}|{d.Field}|{d.Code}|{d.Records}").Order(StringComparer.Ordinal));
        Assert.All(drift.Items, d => Assert.Equal(first.Id, d.FirstRunId));
        Assert.All(drift.Items, d => Assert.False(string.IsNullOrWhiteSpace(d.ExampleKey)));

        // Every planted kind is present, so the comparison above covers each of them (the school year's turnover is a
        // scenario of its own: TurnoverTests).
        foreach (var kind in DigitalEdu.Domain.Vocabulary.MismatchKinds.All.Where(k => k != DigitalEdu.Domain.Vocabulary.MismatchKinds.GradeTurnover))
        {
            Assert.Contains(published, i => i.Kind == kind);
        }

        var second = await DigitalEduApp.RunSyncAsync(client);
        Assert.Equal("succeeded", second.Status);
        var again = await DigitalEduApp.ListAllMismatchesAsync(client);
        Assert.Equal(published.Select(i => i.Id).Order(), again.Where(i => i.Status == "open").Select(i => i.Id).Order());
        Assert.Equal(published.Count, again.Count);
        Assert.All(again, item =>
        {
            var before = published.Single(p => p.Id == item.Id);
            Assert.Equal(before.FirstSeenAt, item.FirstSeenAt);
            Assert.True(item.LastSeenAt > before.LastSeenAt);
        });
        Assert.Equal(0, second.Counts.GetProperty("items").GetProperty("new").GetInt32());
    }

    private sealed record CodeDriftDto(Guid? RunId, List<DriftedCodeDto> Items);

    private sealed record DriftedCodeDto(string Source, string Field, string Code, int Records, string ExampleKey, Guid FirstRunId);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Tally(IEnumerable<string> keys) =>
        string.Join(", ", keys.GroupBy(k => string.Join('|', k.Split('|').Take(3))).Select(g => $"{g.Key}: {g.Count()}"));

    private static string Key(string kind, string? detail, string personKind, string schoolCode, string? smsKey, string? moetCode, string? field) =>
        $"{kind}|{detail}|{personKind}|{schoolCode}|{smsKey}|{moetCode}|{field}";
}
