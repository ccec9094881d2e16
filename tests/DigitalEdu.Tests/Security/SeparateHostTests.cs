using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Tests.Security;

/// <summary>
/// The security points that need a host configured otherwise than <see cref="SecurityFixture"/>'s: short session limits, no
/// trusted proxy, an unreachable database, a metrics port, missing secrets. One host at a time, each for one test.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SeparateHostTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;

    public async Task InitializeAsync() =>
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 2, Persons = 200 }.WithFreePorts(), CancellationToken.None);

    public async Task DisposeAsync() => await simulators.DisposeAsync();

    [Fact]
    public async Task Sessions_end_after_the_idle_limit_and_after_the_absolute_limit_however_active()
    {
        await using var app = await DigitalEduApp.StartAsync(simulators, new Dictionary<string, string?>
        {
            ["Access:SessionIdleTimeout"] = "00:00:02",
            ["Access:SessionAbsoluteTimeout"] = "00:00:06",
        });
        var baseUrl = Serve(app);
        await CreateUserAsync(app, "idle@example.vn");

        using var idle = await SignedInAsync(baseUrl, "idle@example.vn");
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/officer")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/officer")).StatusCode);

        // Used every second, the session still ends six seconds after sign-in.
        using var busy = await SignedInAsync(baseUrl, "idle@example.vn");
        var signedInAt = DateTime.UtcNow;
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            status = (await busy.GetAsync("/officer")).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow - signedInAt < TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.InRange((DateTime.UtcNow - signedInAt).TotalSeconds, 5, 9);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        // No ForwardedHeaders:KnownProxies: nobody's X-Forwarded-* is believed, not even loopback's.
        await using var app = await DigitalEduApp.StartAsync(simulators);
        var baseUrl = Serve(app);
        await CreateUserAsync(app, "proxy@example.vn");

        using var client = Client(baseUrl);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var answer = await SignInAsync(client, "proxy@example.vn");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.DoesNotContain("secure", answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("digitaledu=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
        var addresses = await SqlRows.ReadAsync(app.ConnectionString, "SELECT client_address FROM audit_log WHERE action = 'sign_in'", r => r.GetString(0));
        Assert.Equal(["127.0.0.1"], addresses);
    }

    [Fact]
    public async Task With_the_database_down_the_api_answers_503_with_retry_after_not_500()
    {
        var closedPort = FreePort();

        await using var app = await DigitalEduApp.StartAsync(simulators, new Dictionary<string, string?>
        {
            ["Role"] = "web",
            ["ConnectionStrings:DigitalEdu"] = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=gone;Timeout=2",
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiTokens.NewToken());

        foreach (var path in new[] { "/api/v1/mismatches", "/api/v1/sync-runs" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        // A sign-in with the database down is a 503 too, not a 500.
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = SecurityFixture.FormToken(await browser.GetStringAsync("/sign-in"));
        var signIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "a@example.vn",
            ["password"] = "mat-khau-bat-ky-2026",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
    }

    [Fact]
    public async Task With_a_metrics_port_the_scrape_is_served_there_only()
    {
        var metricsPort = FreePort();

        await using var app = await DigitalEduApp.StartAsync(simulators, new Dictionary<string, string?> { ["Metrics:Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        app.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Listen(IPAddress.Loopback, metricsPort);
        });
        app.StartServer();
        var main = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single(a => a.Port != metricsPort);
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(main, "/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(main, "/health/live"))).StatusCode);
        var scrape = await client.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"http://127.0.0.1:{metricsPort}/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"http://127.0.0.1:{metricsPort}/api/v1/mismatches")).StatusCode);

        // A process started as a deployment starts it listens on the metrics port besides its own.
        var workerMetricsPort = FreePort();
        await using var worker = WorkerProcess.Start(app.Settings, "metrics-worker", new Dictionary<string, string?>
        {
            ["Metrics:Port"] = workerMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage? answer = null;
        while (answer?.StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline && !worker.HasExited, worker.Output);
            await Task.Delay(300);
            try
            {
                answer = await client.GetAsync($"http://127.0.0.1:{workerMetricsPort}/metrics");
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    [Fact]
    public async Task The_service_does_not_start_without_its_upstream_secrets_and_names_the_keys()
    {
        await using var app = await DigitalEduApp.StartAsync(simulators, new Dictionary<string, string?>
        {
            ["Upstreams:Sms:ClientSecret"] = "",
            ["Upstreams:National:ClientSecret"] = "",
            ["Upstreams:Provincial:ApiKey"] = "",
        });
        var failure = Record.Exception(() => app.CreateClient());
        var messages = string.Join('\n', (failure as AggregateException)?.Flatten().InnerExceptions.Select(e => e.Message) ?? [failure?.ToString() ?? "started"]);
        Assert.IsAssignableFrom<Exception>(failure);
        Assert.Contains("Upstreams:Sms:ClientSecret is required", messages, StringComparison.Ordinal);
        Assert.Contains("Upstreams:National:ClientSecret is required", messages, StringComparison.Ordinal);
        Assert.Contains("Upstreams:Provincial:ApiKey is required", messages, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on (as the system gave it out a moment ago).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Uri Serve(DigitalEduApp app)
    {
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private static async Task CreateUserAsync(DigitalEduApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<WebUserSignIn>()
            .CreateOrUpdateAsync(email, Roles.Officer, [], SecurityFixture.Password, CancellationToken.None));
    }

    private static HttpClient Client(Uri baseUrl) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };

    private static async Task<HttpClient> SignedInAsync(Uri baseUrl, string email)
    {
        var client = Client(baseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email)).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email) =>
        SecurityFixture.SignInAsync(client, email, SecurityFixture.Password);
}
