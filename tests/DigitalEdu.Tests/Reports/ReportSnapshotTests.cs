using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Reports;

/// <summary>
/// A cut-off frozen after a full run holds the figures the simulators planted, by level, with combined schools split by grade
/// and pupils and staff apart; later runs never change it, and a comparison with a later snapshot shows exactly what changed.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReportSnapshotTests : FreshProvinceTests
{
    // The ground truth's figures are tallied without vendor variation (its variations change records in ways the tally does not follow).
    protected override SimulatorOptions Data => new() { VendorVariation = false };

    [Fact]
    public async Task A_frozen_cut_off_holds_the_ground_truth_by_level_and_never_changes()
    {
        var operatorClient = await App.CreateClientAsync("operator");
        var officer = await App.CreateClientAsync("officer");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);

        var frozen = await officer.PostAsJsonAsync("/api/v1/reports/snapshots", new { });
        Assert.Equal(HttpStatusCode.Created, frozen.StatusCode);
        var first = (await frozen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // By level and person kind, the province's lines equal the ground truth's sums.
        var truth = Simulators.GroundTruth.Figures;
        Assert.NotEmpty(truth);
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{first}");
        var lines = detail.GetProperty("report").GetProperty("byLevel").EnumerateArray()
            .ToDictionary(l => (l.GetProperty("level").GetString()!, l.GetProperty("personKind").GetString()!), l => Figures(l.GetProperty("figures")));
        var expected = truth.GroupBy(t => (t.Level, t.PersonKind)).ToDictionary(g => g.Key, g => Sum(g));
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), lines.OrderBy(p => p.Key).ToList());
        Assert.All(lines.Values, f => Assert.True(f.Persons >= f.WithId && f.WithId >= f.Complete && f.Complete >= f.Verified && f.Persons >= f.Health));
        Assert.Contains(lines, l => l.Key.Item2 == "staff");

        // School by school for each level, through the figures API, and a combined school split in two.
        foreach (var level in truth.Select(t => t.Level).Distinct().Where(l => l is "MN" or "TH" or "THCS" or "THPT" or "GDTX"))
        {
            var today = detail.GetProperty("snapshot").GetProperty("cutOff").GetString();
            var figures = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/figures?cutOff={today}&level={level}&groupBy=school");
            var bySchool = figures.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => Figures(g.GetProperty("figures")));
            var expectedBySchool = truth.Where(t => t.Level == level).GroupBy(t => t.SchoolCode).ToDictionary(g => g.Key, g => Sum(g));
            Assert.Equal(expectedBySchool.OrderBy(p => p.Key).ToList(), bySchool.OrderBy(p => p.Key).ToList());
        }

        var combined = await SqlRows.ReadAsync(App.ConnectionString, "SELECT code FROM schools WHERE level = 'TH_THCS' ORDER BY code LIMIT 1", r => r.GetString(0));
        var split = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{first}?unit=school&code={combined.Single()}");
        var splitLevels = split.GetProperty("report").GetProperty("byLevel").EnumerateArray()
            .Where(l => l.GetProperty("personKind").GetString() == "student").Select(l => l.GetProperty("level").GetString()).ToList();
        Assert.Equal(["TH", "THCS"], splitLevels);

        // Upstream, a clean, verified pupil's personal ID is deleted in the SMS; a full run counts it.
        var pupil = (await SqlRows.ReadAsync(App.ConnectionString,
            """
            SELECT p.source_key, p.school_code, p.grade FROM person_records p
             WHERE p.source = 'sms' AND p.person_kind = 'student' AND p.is_active AND p.grade BETWEEN 1 AND 5
               AND NOT EXISTS (SELECT 1 FROM mismatches m WHERE m.sms_key = p.source_key)
             ORDER BY p.source_key LIMIT 1
            """, r => (Key: r.GetString(0), School: r.GetString(1)))).Single();
        using (var sms = new HttpClient { BaseAddress = Simulators.SmsUrl })
        {
            (await sms.PatchAsJsonAsync($"/admin/records/sms-students/{pupil.Key}", new Dictionary<string, string?> { ["personalId"] = null })).EnsureSuccessStatusCode();
        }

        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var again = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{first}");
        Assert.Equal(detail.GetProperty("report").GetRawText(), again.GetProperty("report").GetRawText());

        // Frozen means frozen: the database refuses to change a snapshot, even to its owner.
        await using (var owner = NpgsqlDataSource.Create(App.ConnectionString))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => SqlRows.ExecuteAsync(owner,
                "UPDATE report_snapshot_figures SET persons = persons + 1 WHERE snapshot_id = @id", ("id", first)));
            Assert.Contains("never change", refused.MessageText, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PostgresException>(() => SqlRows.ExecuteAsync(owner, "DELETE FROM report_snapshot_items"));
        }

        // A second snapshot compared with the first: exactly that pupil's school and level changed, by one ID.
        var second = (await (await officer.PostAsJsonAsync("/api/v1/reports/snapshots", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var comparison = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/compare?before={first}&after={second}");
        var change = Assert.Single(comparison.GetProperty("changes").EnumerateArray());
        Assert.Equal(pupil.School, change.GetProperty("code").GetString());
        Assert.Equal("TH", change.GetProperty("level").GetString());
        var before = Figures(change.GetProperty("before"));
        var after = Figures(change.GetProperty("after"));
        Assert.Equal(before with { WithId = before.WithId - 1, Complete = before.Complete - 1, Verified = before.Verified - 1 }, after);
    }

    private sealed record Counted(int Persons, int WithId, int Complete, int Verified, int Health);

    private static Counted Figures(JsonElement f) => new(f.GetProperty("persons").GetInt32(), f.GetProperty("withPersonalId").GetInt32(),
        f.GetProperty("complete").GetInt32(), f.GetProperty("verified").GetInt32(), f.GetProperty("healthSynced").GetInt32());

    private static Counted Sum(IEnumerable<LevelFigureTruth> rows) => new(rows.Sum(r => r.Persons), rows.Sum(r => r.WithPersonalId),
        rows.Sum(r => r.Complete), rows.Sum(r => r.Verified), rows.Sum(r => r.HealthSynced));
}
