using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Npgsql;

namespace DigitalEdu.Tests.Web;

/// <summary>The browser tests share one host: a full run over the standard data set takes a while on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "Browser";
}

/// <summary>
/// What the browser tests run against: the simulators (in this process, the SMS answering 503 for one school's pupils during
/// the first run, so it leaves a failed batch), and the service as <c>ops/demo.sh</c> runs it (<see cref="ProcessHost"/>:
/// its build output as content root, Production), migrated, given users and tokens by its own commands, after one full run.
/// Also Debian's Chromium through Playwright, started once.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string FaultedSchool = "22000108";
    public const string Password = "mat-khau-thu-nghiem-2026";
    public const string OfficerEmail = "canbo.so@example.vn";
    public const string OperatorEmail = "vanhanh@example.vn";
    public const string SchoolEmail = "vanthu.truong@example.vn";

    /// <summary>A school user holding every school: the pages of every school, in whatever state the tests leave them.</summary>
    public const string AllSchoolsEmail = "vanthu.cum.truong@example.vn";

    public const int Wide = 1400;
    public const int Narrow = 400;

    private volatile bool smsDown = true;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public SimulatorHost Simulators { get; private set; } = null!;
    public ProcessHost Service { get; private set; } = null!;
    public Uri BaseUrl => Service.BaseUrl;
    public string ConnectionString { get; private set; } = "";
    public HttpClient OperatorApi { get; private set; } = null!;
    public HttpClient OfficerApi { get; private set; } = null!;
    public RunResult FirstRun { get; private set; } = null!;

    /// <summary>The school the school user works for: the one with the most open items, not the faulted one.</summary>
    public string SchoolCode { get; private set; } = "";

    /// <summary>Another school with open items, for tests that change a school's state apart from the clerk's.</summary>
    public string OtherSchoolCode { get; private set; } = "";

    public IReadOnlyList<string> AllSchools { get; private set; } = [];

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(
            new SimulatorOptions { ConfigurePipeline = SmsPupilOutage.While(() => smsDown, FaultedSchool) }.WithFreePorts(), CancellationToken.None);
        ConnectionString = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("browser");
        var credentials = Simulators.Credentials;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DigitalEdu"] = ConnectionString,
            ["Upstreams:Sms:BaseUrl"] = Simulators.SmsUrl.ToString(),
            ["Upstreams:Sms:ClientId"] = credentials.SmsClientId,
            ["Upstreams:Sms:ClientSecret"] = credentials.SmsClientSecret,
            ["Upstreams:Sms:Scope"] = credentials.SmsScope,
            ["Upstreams:Provincial:BaseUrl"] = Simulators.ProvincialUrl.ToString(),
            ["Upstreams:Provincial:ApiKey"] = credentials.ProvincialApiKey,
            ["Upstreams:National:BaseUrl"] = Simulators.NationalUrl.ToString(),
            ["Upstreams:National:ClientId"] = credentials.NationalClientId,
            ["Upstreams:National:ClientSecret"] = credentials.NationalClientSecret,
            ["Upstreams:National:Scope"] = credentials.NationalScope,
            ["Sync:ProvinceCode"] = Simulators.ProvinceCode,
            ["Sync:Schedule"] = "-",
            ["Sync:Workers"] = "8",
            ["Jobs:PollIntervalMilliseconds"] = "100",

            // One try per page and one HTTP retry, so the faulted page fails soon instead of after minutes of backoff.
            ["Sync:BatchAttempts"] = "1",
            ["Upstreams:Sms:Resilience:MaxRetryAttempts"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",

            // Every person of these tests signs in from the one loopback address, dozens of times a minute; the throttling
            // itself is tested in SecurityTests.
            ["RateLimits:SignInsPerMinute"] = "1000",
            ["RateLimits:RequestsPerSecond"] = "1000",
            ["RateLimits:RequestBurst"] = "5000",
        };

        await ProcessHost.RunCommandAsync(settings, "migrate");
        Service = await ProcessHost.StartAsync(settings);
        OperatorApi = await ApiClientAsync(Roles.Operator);
        OfficerApi = await ApiClientAsync(Roles.Officer);
        FirstRun = await DigitalEduApp.RunSyncAsync(OperatorApi);
        smsDown = false;

        var summary = (await OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
        var schools = summary.BySchool.Where(s => s.SchoolCode != FaultedSchool && s.Total > 0).ToList();
        SchoolCode = schools[0].SchoolCode;
        OtherSchoolCode = schools[1].SchoolCode;
        await using (var db = new NpgsqlConnection(ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT code FROM schools ORDER BY code", db);
            await using var reader = await command.ExecuteReaderAsync();
            var all = new List<string>();
            while (await reader.ReadAsync())
            {
                all.Add(reader.GetString(0));
            }

            AllSchools = all;
        }

        // Users as the demo makes them: with the service's own command.
        await CreateUserAsync(OfficerEmail, Roles.Officer);
        await CreateUserAsync(OperatorEmail, Roles.Operator);
        await CreateUserAsync(SchoolEmail, Roles.School, SchoolCode);
        await CreateUserAsync(AllSchoolsEmail, Roles.School, [.. AllSchools]);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        OperatorApi?.Dispose();
        OfficerApi?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await Simulators.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A client with a fresh bearer token from the service's create-token command.</summary>
    public async Task<HttpClient> ApiClientAsync(string role, params string[] schools)
    {
        // Named as people name tokens here: the name shows in item histories and the audit log.
        var name = role switch { Roles.School => "van thu thu nghiem", Roles.Officer => "can bo thu nghiem", _ => "van hanh thu nghiem" };
        var owner = role switch { Roles.School => "vanthu@truong-thu-nghiem.vn", Roles.Officer => "canbo@so-thu-nghiem.vn", _ => "vanhanh@thu-nghiem.vn" };
        string[] arguments = schools.Length == 0
            ? ["create-token", "--role", role, "--owner", owner, "--name", name]
            : ["create-token", "--role", role, "--owner", owner, "--name", name, "--schools", string.Join(',', schools)];
        var token = (await ProcessHost.RunCommandAsync(Service.Settings, arguments)).Split('\n')[^1].Trim();
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<string> CreateUserAsync(string email, string role, params string[] schools) =>
        ProcessHost.RunCommandAsync(Service.Settings,
            schools.Length == 0
                ? ["create-user", "--email", email, "--role", role, "--password", Password]
                : ["create-user", "--email", email, "--role", role, "--schools", string.Join(',', schools), "--password", Password]);

    /// <summary>Debian's Chromium, started once for the collection.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (browser is null)
        {
            (playwright, browser) = await Chromium.LaunchAsync();
        }

        return browser;
    }

    /// <summary>A fresh browser context signed in as the given user, on the page the sign-in lands on.</summary>
    public async Task<IPage> SignInAsync(string email, int width = Wide)
    {
        var context = await (await BrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = width, Height = width == Narrow ? 860 : 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button.primary");
        try
        {
            await page.WaitForAddressAsync(url => !url.Contains("/sign-in"));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Signing in as {email} stayed on {page.Url}: {await page.InnerTextAsync("main")}\n{Service.Output[^Math.Min(4000, Service.Output.Length)..]}");
        }

        return page;
    }

    /// <summary>A screenshot of the page as it is, at its current width, under <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>The page at 1400 and at 400 px wide (<c>name-1400.png</c>, <c>name-400.png</c>), the width it had restored after.</summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = Wide, Height = 900 };
        foreach (var width in new[] { Wide, Narrow })
        {
            await page.SetViewportSizeAsync(width, width == Narrow ? 860 : 900);
            await ScreenshotAsync(page, $"{name}-{width}", fullPage: width == Narrow);
        }

        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>Runs SQL against the service's database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
