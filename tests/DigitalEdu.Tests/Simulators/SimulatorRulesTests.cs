using System.Globalization;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Tests.Simulators;

public sealed class SimulatorRulesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;
    private readonly UpstreamClient _client = fixture.Client;

    [Fact]
    public async Task GroundTruth_is_exactly_what_the_rules_find_in_the_served_data()
    {
        var schools = _host.GroundTruth.Schools;
        var schoolCodes = (await _client.GetJsonAsync(UpstreamSource.Sms, "/api/v1/schools"))["items"]!.AsArray().Select(s => s!["schoolCode"]!.GetValue<string>()).ToList();
        Assert.Equal(schools, schoolCodes.Count);

        var expected = new List<GroundTruthItem>();
        var quarantined = 0;
        foreach (var (personKind, smsSegment, provincialPath, nationalSegment) in new[]
        {
            ("student", "students", "/api/v1/learners?", "students"),
            ("staff", "staff", "/api/v1/staff?", "staff"),
        })
        {
            var sms = new List<RulesOracle.Rec>();
            var latestExam = new Dictionary<string, DateOnly>();
            foreach (var school in schoolCodes)
            {
                foreach (var o in await _client.WalkAsync(UpstreamSource.Sms, $"/api/v1/schools/{school}/{smsSegment}?"))
                {
                    if (RulesOracle.Sms(o, personKind) is { } rec) sms.Add(rec); else quarantined++;
                }

                if (personKind == "student")
                {
                    foreach (var exam in await _client.WalkAsync(UpstreamSource.Sms, $"/api/v1/schools/{school}/health-exams?"))
                    {
                        if (exam["examId"] is null || !DateOnly.TryParseExact(exam["examDate"]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                            || exam["heightCm"] is not { } h || h.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                        {
                            quarantined++;
                            continue;
                        }

                        var student = exam["studentId"]!.GetValue<string>();
                        latestExam[student] = latestExam.TryGetValue(student, out var seen) && seen > date ? seen : date;
                    }
                }
            }

            var provincial = new List<RulesOracle.Rec>();
            foreach (var o in await _client.WalkAsync(UpstreamSource.Provincial, provincialPath))
            {
                if (RulesOracle.Provincial(o, personKind) is { } rec) provincial.Add(rec); else quarantined++;
            }

            var national = new List<RulesOracle.Rec>();
            foreach (var o in await _client.WalkAsync(UpstreamSource.National, $"/api/v1/provinces/22/{nationalSegment}?"))
            {
                if (RulesOracle.National(o, personKind) is { } rec) national.Add(rec); else quarantined++;
            }

            expected.AddRange(RulesOracle.Reconcile(sms, provincial, national, latestExam));
        }

        static string Line(GroundTruthItem i) => $"{i.Kind}|{i.Detail}|{i.PersonKind}|{i.SchoolCode}|{i.SmsKey}|{i.MoetCode}|{i.Field}";
        var found = expected.Select(Line).Order(StringComparer.Ordinal).ToList();
        var planted = _host.GroundTruth.Items.Select(Line).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([], found.Except(planted).Take(20));
        Assert.Equal([], planted.Except(found).Take(20));
        Assert.Equal(planted, found);
        Assert.Equal(_host.GroundTruth.Quarantined.Count, quarantined);
    }
}
