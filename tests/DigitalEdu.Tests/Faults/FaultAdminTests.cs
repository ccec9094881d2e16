using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;

namespace DigitalEdu.Tests.Faults;

/// <summary>The simulators' fault switch over HTTP: on, counted, off, and refused when the body makes no sense.</summary>
public sealed class FaultAdminTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;
    private HttpClient provincial = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 2, Persons = 200 }.WithFreePorts(), CancellationToken.None);
        provincial = new HttpClient { BaseAddress = simulators.ProvincialUrl };
        provincial.DefaultRequestHeaders.Add("X-Api-Key", simulators.Credentials.ProvincialApiKey);
    }

    public async Task DisposeAsync()
    {
        provincial.Dispose();
        await simulators.DisposeAsync();
    }

    [Fact]
    public async Task Faults_switch_on_and_off_at_run_time_and_are_counted_by_kind()
    {
        var on = await provincial.PostAsJsonAsync("/admin/faults", new { rate = 1.0, kinds = new[] { "status429" }, retryAfterSeconds = 3 });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);

        var faulted = await provincial.GetAsync("/api/v1/learners?limit=5");
        Assert.Equal(HttpStatusCode.TooManyRequests, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", faulted.Content.Headers.ContentType?.MediaType);

        // Admin calls are never faulted.
        using (var state = JsonDocument.Parse(await provincial.GetStringAsync("/admin/faults")))
        {
            Assert.True(state.RootElement.GetProperty("enabled").GetBoolean());
            Assert.Equal(1, state.RootElement.GetProperty("injected").GetProperty("status429").GetInt64());
            Assert.Equal(0, state.RootElement.GetProperty("injected").GetProperty("hang").GetInt64());
        }

        Assert.Equal(1, simulators.InjectedFaults(UpstreamSource.Provincial)[FaultKind.Status429]);
        Assert.Equal(0, simulators.InjectedFaults(UpstreamSource.Sms)[FaultKind.Status429]);

        Assert.Equal(HttpStatusCode.NoContent, (await provincial.DeleteAsync("/admin/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provincial.GetAsync("/api/v1/learners?limit=5")).StatusCode);
    }

    [Theory]
    [InlineData("{\"rate\": \"often\"}")]
    [InlineData("{\"rate\": 1.5}")]
    [InlineData("{\"kinds\": [\"earthquake\"]}")]
    [InlineData("{\"rate\": 0.3, \"colour\": \"red\"}")]
    [InlineData("[0.3]")]
    [InlineData("{not json")]
    public async Task A_body_that_makes_no_sense_is_refused(string body)
    {
        var response = await provincial.PostAsync("/admin/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var state = JsonDocument.Parse(await provincial.GetStringAsync("/admin/faults"));
        Assert.False(state.RootElement.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_same_requests_get_the_same_faults()
    {
        async Task<string> SequenceAsync()
        {
            await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 2, Persons = 200 }.WithFreePorts(), CancellationToken.None);
            host.SetFaults(FaultSettings.Every(0.5, FaultKind.Status500, FaultKind.Status502, FaultKind.Status503) with { Seed = 3 });
            using var client = new HttpClient { BaseAddress = host.ProvincialUrl };
            client.DefaultRequestHeaders.Add("X-Api-Key", host.Credentials.ProvincialApiKey);
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((int)(await client.GetAsync($"/api/v1/learners?limit={1 + (i % 4)}")).StatusCode);
            }

            return string.Join(",", statuses);
        }

        var first = await SequenceAsync();
        Assert.Equal(first, await SequenceAsync());
        Assert.Contains("200", first, StringComparison.Ordinal);
        Assert.Contains("50", first, StringComparison.Ordinal);
    }
}
