using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Sync.Reporting;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalEdu.Tests.Reports;

/// <summary>
/// The calendar's automatic freeze: a cut-off whose day has ended is frozen once, from the last run before it ended, not from
/// a run after it; the province's own calendar is a setting.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class CutOffFreezeTests : FreshProvinceTests
{
    private static readonly DateOnly Yesterday = ReportingCalendar.Today(TimeProvider.System).AddDays(-1);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:StartOfYear"] = Yesterday.ToString("dd/MM", CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_passed_cut_off_is_frozen_once_from_the_last_run_before_it()
    {
        var operatorClient = await App.CreateClientAsync("operator");
        var officer = await App.CreateClientAsync("officer");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var firstRun = await officer.PostAsJsonAsync("/api/v1/reports/snapshots", new { });
        var early = (await firstRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // That run is moved to two days ago, before the cut-off ended; then a pupil changes and a second run counts it today.
        await using (var owner = NpgsqlDataSource.Create(App.ConnectionString))
        {
            await SqlRows.ExecuteAsync(owner, "UPDATE level_figures SET taken_at = taken_at - interval '2 days'");
            await SqlRows.ExecuteAsync(owner, "UPDATE mismatches SET first_seen_at = first_seen_at - interval '2 days'");
        }

        var pupil = (await SqlRows.ReadAsync(App.ConnectionString,
            "SELECT source_key FROM person_records WHERE source = 'sms' AND person_kind = 'student' AND is_active AND personal_id_digits IS NOT NULL ORDER BY source_key LIMIT 1",
            r => r.GetString(0))).Single();
        using (var sms = new HttpClient { BaseAddress = Simulators.SmsUrl })
        {
            (await sms.PatchAsJsonAsync($"/admin/records/sms-students/{pupil}", new Dictionary<string, string?> { ["personalId"] = null })).EnsureSuccessStatusCode();
        }

        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);

        using (var scope = App.Services.CreateScope())
        {
            var frozen = await scope.ServiceProvider.GetRequiredService<CutOffFreezer>().FreezePassedAsync(CancellationToken.None);
            var snapshot = Assert.Single(frozen);
            Assert.Equal(Yesterday, snapshot.CutOff.Day);
            Assert.Equal(ReportPeriods.StartOfYear, snapshot.CutOff.Period);
            Assert.True(snapshot.Items > 0);

            // Once only, however often the check runs.
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<CutOffFreezer>().FreezePassedAsync(CancellationToken.None));
        }

        var list = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reports/snapshots");
        var automatic = list.EnumerateArray().Single(s => s.GetProperty("period").GetString() == "start_of_year");
        Assert.Equal("system", automatic.GetProperty("frozenBy").GetString());

        // The cut-off holds the first run's figures: the same as the snapshot frozen right after it.
        var comparison = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/compare?before={early}&after={automatic.GetProperty("id").GetGuid()}");
        Assert.Empty(comparison.GetProperty("changes").EnumerateArray());
        var figures = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/figures?cutOff={Yesterday:yyyy-MM-dd}&groupBy=level");
        Assert.Equal(automatic.GetProperty("id").GetGuid(), figures.GetProperty("snapshotId").GetGuid());

        // The figures API names a bad request's field.
        var bad = await officer.GetAsync("/api/v1/reports/figures?cutOff=2026-09-30&level=XYZ");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("level", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/reports/snapshots", new { cutOff = "2099-01-01" })).StatusCode);
    }
}
