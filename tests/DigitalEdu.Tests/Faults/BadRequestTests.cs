using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Faults;

/// <summary>Requests DigitalEdu's own API cannot read get problem+json naming the field, and change nothing.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class BadRequestTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;
    private DigitalEduApp app = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 2, Persons = 200 }.WithFreePorts(), CancellationToken.None);
        app = await DigitalEduApp.StartAsync(simulators, new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestBodySize"] = "4096" });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await simulators.DisposeAsync();
    }

    public static TheoryData<string, string, string?, string> BadRequests() => new()
    {
        // method, path, JSON body (null: none), the field the answer must name
        { "POST", "/api/v1/sync-runs", "{\"mode\": \"full\", ", "body" },
        { "POST", "/api/v1/sync-runs", "not json at all", "body" },
        { "POST", "/api/v1/sync-runs", "{\"mode\": 5}", "mode" },
        { "POST", "/api/v1/sync-runs", "{\"mode\": \"full\", \"schoolCode\": [\"22000123\"]}", "schoolCode" },
        { "POST", "/api/v1/sync-runs", "[1, 2, 3]", "body" },
        { "POST", "/api/v1/sync-runs", "null", "body" },
        { "POST", "/api/v1/sync-runs", "{\"mode\": \"sometimes\"}", "Mode" },
        { "GET", "/api/v1/sync-runs/not-a-guid", null, "id" },
        { "POST", "/api/v1/batches/abc/retry", null, "id" },
        { "GET", "/api/v1/batches?runId=not-a-guid", null, "runId" },
        { "GET", "/api/v1/batches?limit=many", null, "limit" },
        { "GET", "/api/v1/mismatches?cursor=zzz", null, "Cursor" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task An_unreadable_request_gets_a_problem_400_naming_the_field(string method, string path, string? body, string field)
    {
        var client = await app.CreateClientAsync("operator");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(field, errors, StringComparer.OrdinalIgnoreCase);

        // Without harm: no run was started by any of it.
        Assert.Equal(0, await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM sync_runs WHERE @run IS NOT NULL", Guid.Empty));
    }

    [Fact]
    public async Task An_oversized_body_gets_a_problem_413_and_starts_nothing()
    {
        var client = await app.CreateClientAsync("operator");
        var huge = JsonSerializer.Serialize(new { mode = "full", schoolCode = new string('2', 10_000) });
        using var response = await client.PostAsync("/api/v1/sync-runs", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(0, await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM sync_runs WHERE @run IS NOT NULL", Guid.Empty));

        // A body within the limit still works.
        var fine = await client.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full", schoolCode = (string?)null });
        Assert.Equal(HttpStatusCode.Accepted, fine.StatusCode);
    }
}
