using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Sync.Reporting;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Tests.Reports;

/// <summary>
/// The end of the year's roll, kept when its cut-off is frozen, and at the start of the next the pupils expected back who
/// are in no system: not those who finished grade 12, not those still on any system, and only for the caller's schools.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ExpectedBackTests : FreshProvinceTests
{
    private static readonly DateOnly Yesterday = ReportingCalendar.Today(TimeProvider.System).AddDays(-1);

    protected override SimulatorOptions Data => new() { VendorVariation = false };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:EndOfYear"] = Yesterday.ToString("dd/MM", CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Pupils_on_last_years_roll_who_are_in_no_system_now_are_listed_for_their_school()
    {
        var operatorClient = await App.CreateClientAsync("operator");
        var officer = await App.CreateClientAsync("officer");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);

        // Before any end of year was frozen there is no roll to compare with.
        var none = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reports/expected-back");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("rollCutOff").ValueKind);

        // The run counts as one before the end of the year's cut-off (yesterday, in Vietnam).
        await using (var owner = Npgsql.NpgsqlDataSource.Create(App.ConnectionString))
        {
            await SqlRows.ExecuteAsync(owner, "UPDATE level_figures SET taken_at = taken_at - interval '2 days'");
        }

        using (var scope = App.Services.CreateScope())
        {
            var frozen = await scope.ServiceProvider.GetRequiredService<CutOffFreezer>().FreezePassedAsync(CancellationToken.None);
            Assert.Contains(frozen, f => f.CutOff.Period == ReportPeriods.EndOfYear && f.CutOff.Day == Yesterday);
        }

        var all = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reports/expected-back");
        Assert.Equal(Yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), all.GetProperty("rollCutOff").GetString());
        Assert.Empty(all.GetProperty("pupils").EnumerateArray());

        // Three pupils of last year's roll: one in grade 3 and one in grade 12 vanish from every system, one in grade 4 from the
        // SMS only (the national database still holds them).
        async Task<(string Key, string Moet, string School)> PupilAsync(int grade, string? notSchool = null) => (await SqlRows.ReadAsync(App.ConnectionString,
            """
            SELECT r.source_key, r.moet_code, r.school_code FROM year_end_rosters r
             WHERE r.grade = @grade AND r.moet_code IS NOT NULL AND r.school_code <> @other
               AND NOT EXISTS (SELECT 1 FROM mismatches m WHERE m.moet_code = r.moet_code)
             ORDER BY r.source_key LIMIT 1
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2)), ("grade", grade), ("other", notSchool ?? ""))).Single();
        var gone = await PupilAsync(3);
        var finished = await PupilAsync(12);
        var stillNational = await PupilAsync(4, gone.School);
        using (var sms = new HttpClient { BaseAddress = Simulators.SmsUrl })
        using (var provincial = new HttpClient { BaseAddress = Simulators.ProvincialUrl })
        using (var national = new HttpClient { BaseAddress = Simulators.NationalUrl })
        {
            foreach (var pupil in new[] { gone, finished })
            {
                (await sms.DeleteAsync($"/admin/records/sms-students/{pupil.Key}")).EnsureSuccessStatusCode();
                (await provincial.DeleteAsync($"/admin/records/provincial-learners/{pupil.Moet}")).EnsureSuccessStatusCode();
                (await national.DeleteAsync($"/admin/records/national-students/{pupil.Moet}")).EnsureSuccessStatusCode();
            }

            (await sms.DeleteAsync($"/admin/records/sms-students/{stillNational.Key}")).EnsureSuccessStatusCode();
        }

        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var after = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reports/expected-back");
        var listed = Assert.Single(after.GetProperty("pupils").EnumerateArray());
        Assert.Equal(gone.Key, listed.GetProperty("smsKey").GetString());
        Assert.Equal(gone.School, listed.GetProperty("schoolCode").GetString());
        Assert.Equal(3, listed.GetProperty("grade").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(listed.GetProperty("fullName").GetString()));

        // A school sees its own pupils only; the list is audited.
        var ownSchool = await App.CreateClientAsync("school", gone.School);
        Assert.Single((await ownSchool.GetFromJsonAsync<JsonElement>("/api/v1/reports/expected-back")).GetProperty("pupils").EnumerateArray());
        var otherSchool = await App.CreateClientAsync("school", stillNational.School);
        Assert.Empty((await otherSchool.GetFromJsonAsync<JsonElement>("/api/v1/reports/expected-back")).GetProperty("pupils").EnumerateArray());
        var audited = await SqlRows.ReadAsync(App.ConnectionString, "SELECT detail FROM audit_log WHERE action = 'list_expected_back' ORDER BY id", r => r.GetString(0));
        Assert.Equal(["0 pupils", "0 pupils", "1 pupils", "1 pupils", "0 pupils"], audited);
    }
}
