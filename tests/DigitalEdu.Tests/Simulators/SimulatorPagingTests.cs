using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

public sealed class SimulatorPagingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly UpstreamClient _client = fixture.Client;

    [Theory]
    [InlineData(UpstreamSource.Sms, "/api/v1/schools/{school}/students?", "studentId")]
    [InlineData(UpstreamSource.Sms, "/api/v1/schools/{school}/health-exams?", "examId")]
    [InlineData(UpstreamSource.Provincial, "/api/v1/learners?schoolCode={school}", "maHocSinh")]
    [InlineData(UpstreamSource.National, "/api/v1/provinces/22/students?schoolCode={school}", "HOC_SINH_ID")]
    [InlineData(UpstreamSource.National, "/api/v1/provinces/22/staff?", "GIAO_VIEN_ID")]
    public async Task Paging_with_limit_7_walks_every_record_exactly_once(UpstreamSource source, string template, string keyField)
    {
        var school = fixture.Host.GroundTruth.Items[0].SchoolCode;
        var path = template.Replace("{school}", school, StringComparison.Ordinal);

        var small = await _client.WalkAsync(source, path, limit: 7);
        var whole = await _client.WalkAsync(source, path, limit: 1000);

        var keys = small.Select(i => i[keyField]?.ToString() ?? i.ToJsonString()).ToList();
        Assert.NotEmpty(keys);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(whole.Select(i => i[keyField]?.ToString() ?? i.ToJsonString()), keys);
    }

    [Fact]
    public async Task Page_is_ordered_by_updatedAt_then_key()
    {
        var items = await _client.WalkAsync(UpstreamSource.Provincial, "/api/v1/learners?", limit: 1000);
        var stamps = items.Select(i => DateTimeOffset.Parse(i["capNhatLuc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public async Task UpdatedSince_returns_only_later_records()
    {
        var all = await _client.WalkAsync(UpstreamSource.National, "/api/v1/provinces/22/students?");
        var stamps = all.Select(i => DateTimeOffset.Parse(i["NGAY_CAP_NHAT"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var since = stamps[stamps.Count / 2];

        var later = await _client.WalkAsync(UpstreamSource.National, $"/api/v1/provinces/22/students?updatedSince={Uri.EscapeDataString(since.ToString("O"))}", limit: 333);

        Assert.Equal(stamps.Count(s => s > since), later.Count);
        Assert.All(later, i => Assert.True(DateTimeOffset.Parse(i["NGAY_CAP_NHAT"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > since));
    }

    [Fact]
    public async Task Cursor_can_be_fetched_again_with_the_same_result()
    {
        var first = await _client.GetJsonAsync(UpstreamSource.Provincial, "/api/v1/staff?limit=5");
        var cursor = Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>());

        var once = await _client.GetJsonAsync(UpstreamSource.Provincial, $"/api/v1/staff?limit=5&cursor={cursor}");
        var again = await _client.GetJsonAsync(UpstreamSource.Provincial, $"/api/v1/staff?limit=5&cursor={cursor}");

        Assert.Equal(once["items"]!.ToJsonString(), again["items"]!.ToJsonString());
    }
}
