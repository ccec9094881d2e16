using System.Text.Json.Nodes;
using System.Text.Unicode;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;

namespace DigitalEdu.Tests.Simulators;

/// <summary>
/// The malformed corpus says what the reading rules make of each record, and its identities belong to nobody. The outcomes are
/// checked against the rules as <see cref="WireReading"/> writes them out, not against the corpus' own labels.
/// </summary>
public sealed class MalformedCorpusOutcomeTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string> Ids => [.. MalformedRecords.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Outcome_is_what_the_reading_rules_make_of_the_record(string id)
    {
        var record = MalformedRecords.All.Single(r => r.Id == id);
        Assert.Equal(record.Outcome is MalformedOutcome.Unreadable or MalformedOutcome.UnknownCode, record.Field is not null);
        Assert.Equal(record.Outcome == MalformedOutcome.UnknownCode, record.Code is not null);
        if (!Utf8.IsValid(record.Json))
        {
            // Invalid bytes cannot be read into text at all: only a name is ever sent so.
            Assert.Equal((MalformedOutcome.Unreadable, "fullName"), (record.Outcome, record.Field));
            return;
        }

        var node = JsonNode.Parse(record.Json);
        if (node is not JsonObject json)
        {
            Assert.Equal(MalformedOutcome.Quarantined, record.Outcome);
            return;
        }

        var served = new ServedRecord(record.Dataset, "", json);
        var placed = WireReading.HasKey(served) && (record.Dataset != "sms-health-exams" || WireReading.Code(json["studentId"]) is not null);
        switch (record.Outcome)
        {
            case MalformedOutcome.Unreadable:
                Assert.True(placed);
                Assert.Equal([record.Field!], WireReading.UnreadableFields(served));
                break;
            case MalformedOutcome.UnknownCode:
                Assert.True(placed);
                Assert.Empty(WireReading.UnreadableFields(served));
                Assert.Equal([(record.Field!, record.Code!)], WireReading.UnknownCodes(served));
                break;
            case MalformedOutcome.QuarantinedAttributable:
                var names = WireReading.Names(record.Dataset);
                Assert.False(placed);
                Assert.True((names.MoetCode is { } m && WireReading.Code(json[m]) is not null) || WireReading.Digits(json[names.PersonalId]) is not null);
                break;
            default:
                Assert.False(placed && record.Dataset != "sms-health-exams");
                if (record.Dataset != "sms-health-exams")
                {
                    var n = WireReading.Names(record.Dataset);
                    Assert.Null(n.MoetCode is { } moet ? WireReading.Code(json[moet]) : null);
                    Assert.Null(WireReading.Digits(json[n.PersonalId]));
                }

                break;
        }
    }

    [Fact]
    public void Corpus_keeps_its_breadth_and_has_every_outcome()
    {
        var corpus = MalformedRecords.All;
        Assert.True(corpus.Count >= 50, $"only {corpus.Count} malformed records");
        Assert.Equal(corpus.Count, corpus.Select(r => (r.Dataset, r.Defect)).Distinct().Count());
        Assert.Equal(7, corpus.Select(r => r.Dataset).Distinct().Count());
        Assert.Contains(corpus, r => !Utf8.IsValid(r.Json));
        Assert.Contains(corpus, r => r.Defect.Contains("NUL", StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<MalformedOutcome>(), corpus.Select(r => r.Outcome).Distinct().Order());
        Assert.All(corpus.GroupBy(r => r.Dataset), g => Assert.Contains(g, r => r.Outcome == MalformedOutcome.Unreadable));
    }

    [Fact]
    public async Task Corpus_identities_are_its_own_and_collide_with_no_generated_person()
    {
        Assert.All(MalformedRecords.MoetCodes, m => Assert.Matches("^99[0-9]{8}$", m));
        Assert.All(MalformedRecords.PersonalIds, p => Assert.Matches("^299[0-9]{9}$", p));
        Assert.Equal(MalformedRecords.MoetCodes.Count, MalformedRecords.MoetCodes.Distinct().Count());
        Assert.Equal(MalformedRecords.PersonalIds.Count, MalformedRecords.PersonalIds.Distinct().Count());

        var client = fixture.Client;
        var generated = new HashSet<string>();
        foreach (var (source, path, fields) in new[]
        {
            (UpstreamSource.Provincial, "/api/v1/learners?", new[] { "maHocSinh", "soDinhDanh" }),
            (UpstreamSource.Provincial, "/api/v1/staff?", ["maCanBo", "soDinhDanh"]),
            (UpstreamSource.National, "/api/v1/provinces/22/students?", ["HOC_SINH_ID", "MA_DINH_DANH"]),
            (UpstreamSource.National, "/api/v1/provinces/22/staff?", ["GIAO_VIEN_ID", "MA_DINH_DANH"]),
        })
        {
            foreach (var item in await client.WalkAsync(source, path))
            {
                generated.UnionWith(fields.Select(f => WireReading.Digits(item[f])).OfType<string>());
            }
        }

        Assert.Empty(generated.Intersect(MalformedRecords.MoetCodes));
        Assert.Empty(generated.Intersect(MalformedRecords.PersonalIds));
    }
}
