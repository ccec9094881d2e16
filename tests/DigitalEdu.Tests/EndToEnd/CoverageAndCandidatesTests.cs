using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.EndToEnd;

[Collection(IntegrationCollection.Name)]
public sealed class CoverageAndCandidatesTests(SyncedProvince province) : IClassFixture<SyncedProvince>
{
    [Fact]
    public async Task Coverage_totals_agree_with_the_item_lists_and_never_exceed_persons()
    {
        Assert.Equal("succeeded", province.FirstRun.Status);
        var summary = await province.Operator.GetFromJsonAsync<JsonElement>("/api/v1/mismatches/summary");
        var items = await DigitalEduApp.ListAllMismatchesAsync(province.Operator, "&status=open");

        foreach (var groupBy in new[] { "school", "commune", "level", "province" })
        {
            var coverage = await province.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/coverage?groupBy={groupBy}");
            var total = coverage.GetProperty("total");
            Assert.Equal(items.Count, total.GetProperty("openTotal").GetInt32());
            Assert.Equal(summary.GetProperty("total").GetInt32(), total.GetProperty("openTotal").GetInt32());
            foreach (var kind in summary.GetProperty("byKind").EnumerateObject().Where(k => k.Value.GetInt32() > 0))
            {
                Assert.Equal(kind.Value.GetInt32(), total.GetProperty("openItems").GetProperty(kind.Name).GetInt32());
            }

            // The school directory a run stores gives each school its commune and level.
            var keys = coverage.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
            if (groupBy == "commune")
            {
                Assert.All(keys, key => Assert.Matches(@"^\d{5}$", key));
            }
            else if (groupBy == "level")
            {
                // A level the list lacks is kept as sent, and is one of those the simulators sent.
                string[] levels = ["MN", "TH", "THCS", "THPT", "GDTX", "TH_THCS", "THCS_THPT",
                    .. province.Simulators.GroundTruth.CodeDrift.Where(d => d.Field == "level").Select(d => d.Code)];
                Assert.All(keys, key => Assert.Contains(key, levels));
            }

            foreach (var row in coverage.GetProperty("rows").EnumerateArray())
            {
                var persons = row.GetProperty("persons").GetInt32();
                var withId = row.GetProperty("withPersonalId").GetInt32();
                Assert.InRange(withId, 0, persons);
                Assert.InRange(row.GetProperty("verified").GetInt32(), 0, withId);
                Assert.InRange(row.GetProperty("healthCurrent").GetInt32(), 0, row.GetProperty("students").GetInt32());
                Assert.Equal(persons, row.GetProperty("students").GetInt32() + row.GetProperty("staff").GetInt32());
            }
        }

        // Per-school open items equal the items listed for that school.
        var bySchool = await province.Operator.GetFromJsonAsync<JsonElement>("/api/v1/coverage?groupBy=school");
        foreach (var row in bySchool.GetProperty("rows").EnumerateArray())
        {
            var school = row.GetProperty("key").GetString();
            Assert.Equal(items.Count(i => i.SchoolCode == school), row.GetProperty("openTotal").GetInt32());
        }

        // The figures are counted from the records: the active SMS persons without a valid ID are exactly the SMS-side ID items.
        var provinceTotal = bySchool.GetProperty("total");
        var smsIdItems = items.Count(i => i.Kind is "id_missing" or "id_invalid" && i.Side == "sms");
        Assert.True(smsIdItems > 0);
        Assert.Equal(smsIdItems, provinceTotal.GetProperty("persons").GetInt32() - provinceTotal.GetProperty("withPersonalId").GetInt32());

        var trend = await province.Operator.GetFromJsonAsync<JsonElement>("/api/v1/coverage/trend");
        var point = Assert.Single(trend.EnumerateArray());
        Assert.Equal(provinceTotal.GetProperty("persons").GetInt32(), point.GetProperty("persons").GetInt32());
        Assert.Equal(items.Count, point.GetProperty("openTotal").GetInt32());
    }

    [Fact]
    public async Task Candidates_rank_the_planted_counterpart_of_an_unlinked_record_first()
    {
        var truth = province.Simulators.GroundTruth.Items;
        var unlinked = truth.Where(i => i.Kind == "missing_in_national" && i.MoetCode is null).ToList();
        Assert.NotEmpty(unlinked);
        var nationalOnly = truth.Where(i => i.Kind == "missing_in_sms").Select(i => i.MoetCode).ToHashSet();

        var items = await DigitalEduApp.ListAllMismatchesAsync(province.Operator, "&kind=missing_in_national");
        foreach (var planted in unlinked)
        {
            var item = items.Single(i => i.SmsKey == planted.SmsKey);
            var candidates = await province.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/mismatches/{item.Id}/candidates");
            var best = candidates.EnumerateArray().First();
            Assert.Equal("national", best.GetProperty("source").GetString());
            Assert.Contains(best.GetProperty("sourceKey").GetString(), nationalOnly);
            var agreeing = best.GetProperty("agreeing").EnumerateArray().Select(a => a.GetString()).ToList();
            Assert.Contains("fullName", agreeing);
            Assert.Contains("dateOfBirth", agreeing);
            Assert.Contains("gender", agreeing);
            Assert.All(candidates.EnumerateArray().Skip(1), c => Assert.True(c.GetProperty("score").GetInt32() <= best.GetProperty("score").GetInt32()));
        }

        // An item that is not about a missing link has no candidates to offer.
        var fieldItem = (await DigitalEduApp.ListAllMismatchesAsync(province.Operator, "&kind=field_mismatch")).First();
        var none = await province.Operator.GetFromJsonAsync<JsonElement>($"/api/v1/mismatches/{fieldItem.Id}/candidates");
        Assert.Empty(none.EnumerateArray());
    }
}
