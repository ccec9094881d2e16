using System.Net;
using System.Text;
using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

/// <summary>Changes data, so each test runs on its own small host.</summary>
public sealed class SimulatorAdminTests
{
    private static Task<SimulatorHost> StartSmallAsync() =>
        SimulatorHost.StartAsync(new SimulatorOptions { Persons = 600, Schools = 4 }.WithFreePorts(), CancellationToken.None);

    [Fact]
    public async Task Patch_changes_what_the_next_read_returns_and_bumps_updatedAt()
    {
        await using var host = await StartSmallAsync();
        using var client = new UpstreamClient(host);
        var before = (await client.WalkAsync(UpstreamSource.Provincial, "/api/v1/learners?"))[0];
        var key = before["maHocSinh"]!.GetValue<string>();
        var lastSeen = (await client.WalkAsync(UpstreamSource.Provincial, "/api/v1/learners?"))[^1]["capNhatLuc"]!.GetValue<string>();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(host.ProvincialUrl, $"/admin/records/provincial-learners/{key}"))
        {
            Content = new StringContent("""{"lop": "9Z9", "hoTen": "Nguyễn Văn Đổi"}""", Encoding.UTF8, "application/json"),
        };
        using var patched = await client.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var changed = await client.WalkAsync(UpstreamSource.Provincial, $"/api/v1/learners?updatedSince={Uri.EscapeDataString(lastSeen)}");
        var record = Assert.Single(changed);
        Assert.Equal(key, record["maHocSinh"]!.GetValue<string>());
        Assert.Equal("9Z9", record["lop"]!.GetValue<string>());
        Assert.Equal("Nguyễn Văn Đổi", record["hoTen"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_the_record_from_listings()
    {
        await using var host = await StartSmallAsync();
        using var client = new UpstreamClient(host);
        var school = host.GroundTruth.Items[0].SchoolCode;
        var before = await client.WalkAsync(UpstreamSource.National, $"/api/v1/provinces/22/students?schoolCode={school}");
        var key = before[3]["HOC_SINH_ID"]!.GetValue<string>();

        using var deleted = await client.Http.DeleteAsync(new Uri(host.SmsUrl, $"/admin/records/national-students/{key}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var after = await client.WalkAsync(UpstreamSource.National, $"/api/v1/provinces/22/students?schoolCode={school}");
        Assert.Equal(before.Count - 1, after.Count);
        Assert.DoesNotContain(after, i => i["HOC_SINH_ID"]?.GetValue<string>() == key);
    }

    [Fact]
    public async Task Patch_of_unknown_record_is_404()
    {
        await using var host = await StartSmallAsync();
        using var client = new UpstreamClient(host);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(host.SmsUrl, "/admin/records/sms-students/S-9999999"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var response = await client.Http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
