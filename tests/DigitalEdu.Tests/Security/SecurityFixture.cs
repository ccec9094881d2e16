using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Observability;
using DigitalEdu.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Tests.Security;

/// <summary>
/// The service as a deployment runs it, for the security tests: on a real port, connected as a database role of its own (the
/// migrate step ran as the owner), behind a "proxy" it trusts (loopback, so a test can say which client address and scheme a
/// request came from with X-Forwarded-For and -Proto), after one full run in which one school's pupils failed (a failed batch
/// to retry). Every log line is kept. Each client gets an address of its own, so the per-address limits of one test do not
/// reach another. One fixture serves the whole <see cref="SecurityTests"/> class (its files are by theme).
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string ServiceRole = "digitaledu_service_test";
    public const string FaultedSchool = "22000108";
    public const string Password = "mat-khau-bao-mat-2026";
    public const string OfficerEmail = "canbo.baomat@example.vn";
    public const string OperatorEmail = "vanhanh.baomat@example.vn";
    public const string SchoolEmail = "vanthu.baomat@example.vn";

    private static int addresses;
    private volatile bool smsDown = true;
    private Microsoft.Playwright.IPlaywright? playwright;
    private Microsoft.Playwright.IBrowser? browser;

    public SimulatorHost Simulators { get; private set; } = null!;
    public DigitalEduApp App { get; private set; } = null!;
    public WebApplicationFactory<Program> Host { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>HEAD requests each upstream received (the readiness probe's).</summary>
    public ConcurrentDictionary<UpstreamSource, int> HeadRequests { get; } = new();

    public SecurityClient OfficerApi { get; private set; } = null!;
    public SecurityClient OperatorApi { get; private set; } = null!;

    /// <summary>The school user's school (the one with most open items, not the faulted one), and another one.</summary>
    public string SchoolCode { get; private set; } = "";
    public string OtherSchoolCode { get; private set; } = "";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["Access:LockoutThreshold"] = "5",
        ["Access:FirstLockout"] = "00:00:30",
        ["Access:LongestLockout"] = "00:10:00",
        ["RateLimits:RequestsPerSecond"] = "20",
        ["RateLimits:RequestBurst"] = "60",
        ["RateLimits:SignInsPerMinute"] = "10",
        ["RateLimits:FailedTokensPerMinute"] = "20",
        ["Sync:BatchAttempts"] = "1",
        ["Upstreams:Sms:Resilience:MaxRetryAttempts"] = "1",
    };

    public async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(
            new SimulatorOptions { Schools = 6, Persons = 1500, ConfigurePipeline = Observe }.WithFreePorts(), CancellationToken.None);
        App = await DigitalEduApp.StartAsServiceRoleAsync(Simulators, ServiceRole, new Dictionary<string, string?>(Settings));
        Host = App.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(Logs)));
        Host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        Host.StartServer();
        BaseUrl = new Uri(Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        OperatorApi = await ApiClientAsync(Roles.Operator);
        OfficerApi = await ApiClientAsync(Roles.Officer);
        await DigitalEduApp.RunSyncAsync(OperatorApi);
        smsDown = false;

        var summary = (await OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
        var schools = summary.BySchool.Where(s => s.SchoolCode != FaultedSchool && s.Total > 0).ToList();
        SchoolCode = schools[0].SchoolCode;
        OtherSchoolCode = schools[1].SchoolCode;

        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<WebUserSignIn>();
        foreach (var (email, role, school) in new[] { (OfficerEmail, Roles.Officer, ""), (OperatorEmail, Roles.Operator, ""), (SchoolEmail, Roles.School, SchoolCode) })
        {
            Assert.Empty(await users.CreateOrUpdateAsync(email, role, school.Length == 0 ? [] : [school], Password, CancellationToken.None));
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
        await App.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    /// <summary>A client address no other client of the suite uses (TEST-NET-2, RFC 5737).</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref addresses);
        return $"198.51.{100 + (n / 250)}.{(n % 250) + 1}";
    }

    /// <summary>An HTTP client from an address of its own, keeping cookies, not following redirects.</summary>
    public SecurityClient Client(string? address = null, string userAgent = "DigitalEdu-SecurityTests/1.0")
    {
        var client = new SecurityClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseUrl,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? NewAddress());
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    /// <summary>A client from an address of its own carrying a fresh token of the role (owned by "{role}@test.example.vn").</summary>
    public async Task<SecurityClient> ApiClientAsync(string role, params string[] schools)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await DigitalEduApp.IssueTokenAsync(Host.Services, role, schools));
        return client;
    }

    /// <summary>A cookie client signed in through the sign-in form.</summary>
    public async Task<SecurityClient> SignedInAsync(string email, string? address = null)
    {
        var client = Client(address);
        var response = await SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/sign-in");
        return await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path) =>
        FormToken(await client.GetStringAsync(path));

    /// <summary>The antiforgery token inside the given HTML (the first form's, or the one inside <paramref name="form"/>).</summary>
    public static string FormToken(string html, string? form = null)
    {
        if (form is not null)
        {
            var start = html.IndexOf(form, StringComparison.Ordinal);
            Assert.True(start >= 0, $"no {form} in the page");
            html = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        }

        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "the form carries no antiforgery token");
        return match.Groups[1].Value;
    }

    /// <summary>A fresh browser context at the given width, signed in as the user through the sign-in form.</summary>
    public async Task<Microsoft.Playwright.IPage> BrowserSignedInAsync(string email, int width = 1400)
    {
        if (browser is null)
        {
            (playwright, browser) = await Chromium.LaunchAsync();
        }

        var context = await browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = "vi-VN",
            ViewportSize = new Microsoft.Playwright.ViewportSize { Width = width, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = NewAddress() },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button.primary");
        await page.WaitForAddressAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A statement or query on the database as its owner (the service's own role could not run some of them).</summary>
    public async Task<long> OwnerScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(App.OwnerConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Observe(UpstreamSource source, IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                HeadRequests.AddOrUpdate(source, 1, (_, n) => n + 1);
            }

            if (smsDown && source == UpstreamSource.Sms && context.Request.Path.StartsWithSegments($"/api/v1/schools/{FaultedSchool}/students"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("SMS maintenance");
                return;
            }

            await next();
        });
}

/// <summary>An HTTP client whose cookies a test can read, to copy them as a thief would.</summary>
public sealed class SecurityClient(HttpClientHandler handler) : HttpClient(handler)
{
    public CookieContainer Cookies => handler.CookieContainer;
}
