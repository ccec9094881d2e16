using System.Net.Http.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>
/// A school run reconciles only the records linked to its school. It must publish and resolve for that school exactly what a
/// province run does, including where the school's items depend on records of other schools, and leave every other school alone.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SchoolRunTests : FreshProvinceTests
{
    [Fact]
    public async Task School_run_publishes_for_its_school_what_a_province_run_does_across_school_links()
    {
        var client = await App.CreateClientAsync("operator");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        var afterProvinceRun = await DigitalEduApp.ListAllMismatchesAsync(client);

        // A school whose items hang on records at other schools: a pupil who moved in (the national record and the left record
        // are at the old school), one who moved out, and an SMS duplicate at another school.
        var school = await PickCrossSchoolAsync(afterProvinceRun);

        // Correct one of the school's items upstream, so the school run has something to resolve as well as to find again.
        var corrected = afterProvinceRun.First(i => i.SchoolCode == school && i.Status == "open" && i.Field == "className");
        using (var admin = new HttpClient { BaseAddress = Simulators.NationalUrl })
        {
            var patch = await admin.PatchAsJsonAsync(
                $"/admin/records/national-students/{corrected.MoetCode}", new Dictionary<string, string?> { ["LOP"] = corrected.SmsValue });
            patch.EnsureSuccessStatusCode();
        }

        var schoolRun = await DigitalEduApp.RunSyncAsync(client, "full", school);
        Assert.Equal("succeeded", schoolRun.Status);
        var afterSchoolRun = (await DigitalEduApp.ListAllMismatchesAsync(client)).ToDictionary(i => i.Id);

        // The school's open items are the planted ones of the school, less the corrected one.
        var expected = Simulators.GroundTruth.Items.Where(i => i.SchoolCode == school)
            .Select(i => Key(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field))
            .Where(k => k != Key(corrected))
            .Order().ToList();
        var published = afterSchoolRun.Values.Where(i => i.SchoolCode == school && i.Status == "open").Select(Key).Order().ToList();
        Assert.Equal(expected, published);
        Assert.Equal("resolved", afterSchoolRun[corrected.Id].Status);

        // Every other school's items are exactly as the province run left them.
        foreach (var before in afterProvinceRun.Where(i => i.SchoolCode != school))
        {
            var now = afterSchoolRun[before.Id];
            Assert.Equal((before.Status, before.LastSeenAt, before.SchoolCode), (now.Status, now.LastSeenAt, now.SchoolCode));
        }

        Assert.Equal(afterProvinceRun.Count, afterSchoolRun.Count);

        // A province run now finds nothing to add, reopen or resolve: the school run had already published its view.
        var provinceRun = await DigitalEduApp.RunSyncAsync(client);
        Assert.Equal("succeeded", provinceRun.Status);
        var changes = provinceRun.Counts.GetProperty("items");
        Assert.Equal((0, 0, 0), (changes.GetProperty("new").GetInt32(), changes.GetProperty("reopened").GetInt32(), changes.GetProperty("resolved").GetInt32()));
        var final = await DigitalEduApp.ListAllMismatchesAsync(client);
        Assert.Equal(
            afterSchoolRun.Values.Select(i => (i.Id, i.Status)).Order(),
            final.Select(i => (i.Id, i.Status)).Order());
    }

    private async Task<string> PickCrossSchoolAsync(List<MismatchDto> items)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT a.school_code
              FROM person_records a
              JOIN person_records b ON b.source = 'sms' AND b.person_kind = a.person_kind AND b.school_code <> a.school_code
                                   AND (b.moet_code = a.moet_code OR b.personal_id_digits = a.personal_id_digits)
             WHERE a.source = 'sms'
             GROUP BY a.school_code
            HAVING bool_or(a.is_active AND b.is_active AND a.personal_id_digits = b.personal_id_digits)
               AND bool_or(a.is_active AND NOT b.is_active AND a.moet_code = b.moet_code)
               AND bool_or(NOT a.is_active AND b.is_active AND a.moet_code = b.moet_code)
             ORDER BY count(*) DESC, a.school_code
            """, connection);
        var schools = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schools.Add(reader.GetString(0));
            }
        }

        return schools.First(s => items.Any(i => i.SchoolCode == s && i.Status == "open" && i.Field == "className"));
    }

    private static string Key(MismatchDto i) => Key(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field);

    private static string Key(string kind, string? detail, string personKind, string schoolCode, string? smsKey, string? moetCode, string? field) =>
        $"{kind}|{detail}|{personKind}|{schoolCode}|{smsKey}|{moetCode}|{field}";
}
