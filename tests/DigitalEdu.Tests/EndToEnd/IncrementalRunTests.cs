using System.Net.Http.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>
/// An incremental run reads only what changed: the SMS school by school, the provincial and national listings once for the whole
/// province from their watermarks, and reconciles only the persons that change touches. Its result must be the one a full run
/// would give.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class IncrementalRunTests : FreshProvinceTests
{
    [Fact]
    public async Task Incremental_run_reads_changes_province_wide_and_ends_where_a_full_run_ends()
    {
        var client = await App.CreateClientAsync("operator");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        var afterFull = await DigitalEduApp.ListAllMismatchesAsync(client);

        // Upstream, after the full run: the national database corrects one class name and misspells a name nobody disputed.
        var corrected = afterFull.First(i => i.Status == "open" && i.Field == "className");
        var clean = await CleanNationalStudentAsync(afterFull);
        using (var national = new HttpClient { BaseAddress = Simulators.NationalUrl })
        {
            (await national.PatchAsJsonAsync($"/admin/records/national-students/{corrected.MoetCode}",
                new Dictionary<string, string?> { ["LOP"] = corrected.SmsValue })).EnsureSuccessStatusCode();
            (await national.PatchAsJsonAsync($"/admin/records/national-students/{clean.MoetCode}",
                new Dictionary<string, string?> { ["HO_TEN"] = clean.FullName + " Thị" })).EnsureSuccessStatusCode();
        }

        var incremental = await DigitalEduApp.RunSyncAsync(client, "incremental");
        Assert.Equal("succeeded", incremental.Status);

        // It reconciled what it changed and what is linked to that, not the province.
        var steps = incremental.Counts.GetProperty("milliseconds").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("changed_scope", steps);
        Assert.DoesNotContain("statistics", steps);

        // One pull per provincial and national listing for the whole province, from a watermark; the SMS per school.
        var pulls = await PullsAsync(incremental.Id);
        Assert.Equal(4, pulls.Count(p => p.Source != "sms"));
        Assert.All(pulls.Where(p => p.Source != "sms"), p => Assert.True(p.SchoolCode == "" && p.HasWatermark, $"{p.Dataset} {p.SchoolCode}"));
        Assert.All(pulls.Where(p => p.Source == "sms"), p => Assert.True(p.SchoolCode != "" && p.HasWatermark, $"{p.Dataset} {p.SchoolCode}"));
        // The province-wide listings (many pages each) are queued first, so lanes walk them alongside the short school listings.
        Assert.All(pulls.Take(4), p => Assert.Equal("", p.SchoolCode));
        Assert.True(pulls.Sum(p => p.Received) < afterFull.Count, $"an incremental run re-read {pulls.Sum(p => p.Received)} records");

        var afterIncremental = await DigitalEduApp.ListAllMismatchesAsync(client);
        Assert.Equal("resolved", afterIncremental.Single(i => i.Id == corrected.Id).Status);
        Assert.Contains(afterIncremental, i => i.Status == "open" && i.Kind == "field_mismatch" && i.Field == "fullName"
                                            && i.MoetCode == clean.MoetCode && i.NationalValue == clean.FullName + " Thị");

        // A full run now changes nothing: the incremental run had already reached the upstreams' state.
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        var afterSecondFull = await DigitalEduApp.ListAllMismatchesAsync(client);
        Assert.Equal(
            afterIncremental.Select(i => (i.Id, i.Status)).Order().ToList(),
            afterSecondFull.Select(i => (i.Id, i.Status)).Order().ToList());
    }

    /// <summary>A paired national student with no item at all, so a changed name is the only thing a run can find about them.</summary>
    private async Task<(string MoetCode, string FullName)> CleanNationalStudentAsync(List<MismatchDto> items)
    {
        var withItems = items.Where(i => i.MoetCode is not null).Select(i => i.MoetCode!).ToHashSet();
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.source_key, n.full_name FROM person_records n
              JOIN person_records s ON s.source = 'sms' AND s.person_kind = 'student' AND s.personal_id_digits = n.personal_id_digits
                                   AND s.moet_code = n.source_key
             WHERE n.source = 'national' AND n.person_kind = 'student' AND n.is_active AND s.is_active
             ORDER BY n.source_key
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!withItems.Contains(reader.GetString(0)))
            {
                return (reader.GetString(0), reader.GetString(1));
            }
        }

        throw new InvalidOperationException("The simulated province has no national student without items.");
    }

    private async Task<List<(string Dataset, string Source, string SchoolCode, bool HasWatermark, int Received)>> PullsAsync(Guid runId)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT dataset, source, school_code, updated_since IS NOT NULL, received FROM pulls WHERE run_id = @run ORDER BY id", connection);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync();
        var pulls = new List<(string, string, string, bool, int)>();
        while (await reader.ReadAsync())
        {
            pulls.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetInt32(4)));
        }

        return pulls;
    }
}
