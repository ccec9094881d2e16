using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>
/// The school year turning over in the SMS before the national database: while it lasts, each school it touched has one
/// school-level finding ("CSDL ngành chưa lên lớp") and no grade or class item; once the national database has turned over too,
/// the items are exactly the ground truth's again.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TurnoverTests : FreshProvinceTests
{
    // The scenario's ground truth is the generation's, which is tallied without vendor variation.
    protected override SimulatorOptions Data => new() { VendorVariation = false };

    [Fact]
    public async Task A_school_whose_sms_turned_over_first_has_one_finding_until_both_sides_have()
    {
        var client = await App.CreateClientAsync("operator");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        AssertItems(await DigitalEduApp.ListAllMismatchesAsync(client, "&status=open"), Expected(), "before the turnover");

        var turnover = Simulators.TurnOverSms(schools: 3);
        Assert.Equal(3, turnover.Schools.Count);
        Assert.True(turnover.Pupils > 3 * 50, $"{turnover.Pupils} pupils moved up");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        var during = await DigitalEduApp.ListAllMismatchesAsync(client, "&status=open");

        // One finding per school, on the national side, and not one grade or class item in those schools.
        var findings = during.Where(i => i.Kind == "grade_turnover").ToList();
        Assert.Equal(turnover.Schools, findings.Select(f => f.SchoolCode).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("national", f.Detail));
        Assert.All(findings, f => Assert.StartsWith("CSDL ngành chưa lên lớp.", f.Guidance, StringComparison.Ordinal));
        Assert.DoesNotContain(during, i => turnover.Schools.Contains(i.SchoolCode) && i.Kind == "field_mismatch" && i.Field is "grade" or "className");
        var expectedDuring = Expected()
            .Where(k => !(turnover.Schools.Contains(k.School) && k.Kind == "field_mismatch" && k.Field is "grade" or "className"))
            .Concat(turnover.Schools.Select(s => new ItemKey("grade_turnover", "national", "student", s, null, null, null)))
            .ToList();
        AssertItems(during, expectedDuring, "while only the SMS has turned over");

        // The national database turns over too: the pupils' items are the ground truth's again, the findings resolved.
        Assert.True(Simulators.TurnOverNational() >= turnover.Pupils - 10);
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(client)).Status);
        var after = await DigitalEduApp.ListAllMismatchesAsync(client);
        AssertItems(after.Where(i => i.Status == "open").ToList(), Expected(), "after both sides turned over");
        Assert.All(after.Where(i => i.Kind == "grade_turnover"), f => Assert.Equal("resolved", f.Status));
    }

    private sealed record ItemKey(string Kind, string? Detail, string PersonKind, string School, string? SmsKey, string? MoetCode, string? Field);

    private List<ItemKey> Expected() =>
        [.. Simulators.GroundTruth.Items.Select(i => new ItemKey(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field))];

    private static void AssertItems(IReadOnlyList<MismatchDto> items, List<ItemKey> expected, string when)
    {
        var actual = items.Select(i => new ItemKey(i.Kind, i.Detail, i.PersonKind, i.SchoolCode, i.SmsKey, i.MoetCode, i.Field)).ToList();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && actual.Count == expected.Count,
            $"{when}: missing {missing.Count}: {string.Join("; ", missing.Take(8))}\nextra {extra.Count}: {string.Join("; ", extra.Take(8))}");
    }
}
