using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Tests.Simulators;

public sealed class SimulatorDataTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;
    private readonly UpstreamClient _client = fixture.Client;

    [Fact]
    public async Task Generator_by_default_makes_about_6000_persons_in_20_schools()
    {
        Assert.Equal(6000, _host.GroundTruth.Persons);
        Assert.Equal(20, _host.GroundTruth.Schools);

        var schools = await _client.GetJsonAsync(UpstreamSource.Sms, "/api/v1/schools");
        Assert.Equal(20, schools["items"]!.AsArray().Count);
        Assert.All(schools["items"]!.AsArray(), s => Assert.Matches("^22[0-9]{6}$", s!["schoolCode"]!.GetValue<string>()));

        var students = await _client.WalkAsync(UpstreamSource.Provincial, "/api/v1/learners?");
        var staff = await _client.WalkAsync(UpstreamSource.Provincial, "/api/v1/staff?");
        Assert.InRange(students.Count, 5000, 5600);
        Assert.InRange(staff.Count, 450, 560);
    }

    [Fact]
    public async Task SameSeed_gives_the_same_data_and_ground_truth()
    {
        await using var twin = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        using var twinClient = new UpstreamClient(twin);

        Assert.Equal(_host.GroundTruthJson(), twin.GroundTruthJson());
        var school = _host.GroundTruth.Items[^1].SchoolCode;
        var mine = await _client.WalkAsync(UpstreamSource.Sms, $"/api/v1/schools/{school}/students?");
        var theirs = await twinClient.WalkAsync(UpstreamSource.Sms, $"/api/v1/schools/{school}/students?");
        Assert.Equal(mine.Select(i => i.ToJsonString()), theirs.Select(i => i.ToJsonString()));
    }

    [Theory]
    [InlineData("student", "health_not_synced", null)]
    [InlineData("student", "id_missing", "sms")]
    [InlineData("student", "id_missing", "national")]
    [InlineData("student", "id_invalid", "leading_zero_lost")]
    [InlineData("student", "id_invalid", "legacy_cmnd")]
    [InlineData("student", "id_invalid", "format")]
    [InlineData("student", "id_invalid", "unknown_province_code")]
    [InlineData("student", "id_invalid", "gender_digit")]
    [InlineData("student", "id_invalid", "birth_year")]
    [InlineData("student", "id_unverified", "CHUA_XAC_THUC")]
    [InlineData("student", "id_unverified", "SAI_THONG_TIN")]
    [InlineData("student", "id_unverified", "KHONG_TIM_THAY")]
    [InlineData("student", "id_duplicate", null)]
    [InlineData("student", "missing_in_national", null)]
    [InlineData("student", "missing_in_sms", null)]
    [InlineData("student", "field_mismatch", "fullName")]
    [InlineData("student", "field_mismatch", "dateOfBirth")]
    [InlineData("student", "field_mismatch", "gender")]
    [InlineData("student", "field_mismatch", "fatherName")]
    [InlineData("student", "field_mismatch", "motherName")]
    [InlineData("student", "field_mismatch", "ethnicityCode")]
    [InlineData("student", "field_mismatch", "schoolCode")]
    [InlineData("student", "field_mismatch", "grade")]
    [InlineData("student", "field_mismatch", "className")]
    [InlineData("student", "field_mismatch", "status")]
    [InlineData("student", "field_mismatch", "personalId")]
    [InlineData("student", "provincial_stale", "missing")]
    [InlineData("student", "provincial_stale", "outdated")]
    [InlineData("staff", "id_missing", "sms")]
    [InlineData("staff", "id_missing", "national")]
    [InlineData("staff", "id_invalid", "legacy_cmnd")]
    [InlineData("staff", "id_invalid", "gender_digit")]
    [InlineData("staff", "id_unverified", "SAI_THONG_TIN")]
    [InlineData("staff", "id_duplicate", null)]
    [InlineData("staff", "missing_in_national", null)]
    [InlineData("staff", "missing_in_sms", null)]
    [InlineData("staff", "field_mismatch", "fullName")]
    [InlineData("staff", "field_mismatch", "schoolCode")]
    [InlineData("staff", "field_mismatch", "personalId")]
    [InlineData("staff", "provincial_stale", "outdated")]
    public void GroundTruth_has_at_least_two_of_every_kind_and_detail(string personKind, string kind, string? detail)
    {
        var count = _host.GroundTruth.Items.Count(i => i.PersonKind == personKind && i.Kind == kind && i.Detail == detail);
        Assert.True(count >= 2, $"{personKind} {kind}/{detail}: {count}");
    }

    [Fact]
    public void GroundTruth_follows_its_conventions()
    {
        var truth = _host.GroundTruth;
        // A field is named by field_mismatch and unreadable_value items, and by no other kind.
        Assert.All(truth.Items, i => Assert.Equal(i.Kind is MismatchKinds.FieldMismatch or MismatchKinds.UnreadableValue, i.Field is not null));
        Assert.All(truth.Items.Where(i => i.Field is not null), i => Assert.Equal(i.Field, i.Detail));
        Assert.All(truth.Items.Where(i => i.Kind == MismatchKinds.MissingInSms), i => Assert.Null(i.SmsKey));
        Assert.All(truth.Items.Where(i => i.Kind == MismatchKinds.IdUnverified), i => Assert.NotNull(i.SmsKey));
        Assert.All(truth.Items.Where(i => i.Kind is MismatchKinds.MissingInNational or MismatchKinds.FieldMismatch), i => Assert.NotNull(i.SmsKey));
        Assert.All(truth.Items.Where(i => i.Kind == MismatchKinds.RecordQuarantined), i => Assert.Contains(i.Detail, new[] { "sms", "provincial", "national" }));
        Assert.All(truth.Items.Where(i => i.Kind == MismatchKinds.RecordQuarantined && i.Detail == "sms"), i => Assert.Null(i.SmsKey));
        Assert.Equal(truth.Items.Count, truth.CountsByKind.Values.Sum());
        Assert.Contains(truth.Quarantined, q => q.Source == "sms" && q.Key is null);
        Assert.Contains(truth.Quarantined, q => q.Source == "provincial");
        Assert.Contains(truth.Quarantined, q => q.Source == "national");
        Assert.True(truth.Items.Count(i => i.PersonKind == "student") / 5500.0 < 0.5, "most persons stay clean");
    }

    [Fact]
    public async Task GroundTruth_is_served_on_every_listener_with_a_summary()
    {
        foreach (var url in new[] { _host.SmsUrl, _host.ProvincialUrl, _host.NationalUrl })
        {
            var served = await _client.Http.GetFromJsonAsync<JsonObject>(new Uri(url, "/admin/ground-truth"));
            Assert.Equal(42, served!["seed"]!.GetValue<int>());
            Assert.Equal(_host.GroundTruth.Items.Count, served["items"]!.AsArray().Count);
        }

        var summary = await _client.Http.GetStringAsync(new Uri(_host.NationalUrl, "/admin/ground-truth/summary"));
        var lines = summary.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains($"field_mismatch\t{_host.GroundTruth.CountsByKind["field_mismatch"]}", lines);
    }
}
