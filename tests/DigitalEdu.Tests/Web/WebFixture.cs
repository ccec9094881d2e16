using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The service on a real Kestrel port (a browser needs one) after one full run in which the SMS answers 503 for one
/// school's pupils, so that run leaves a failed batch; the fault is cleared afterwards so a re-run can succeed.
/// Also starts Debian's Chromium through Playwright, lazily, for the browser tests.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string FaultedSchool = "22000108";
    public const string Password = "mat-khau-thu-nghiem-2026";
    public const string OfficerEmail = "canbo.so@example.vn";
    public const string OperatorEmail = "vanhanh@example.vn";
    public const string SchoolEmail = "vanthu.truong@example.vn";

    private volatile bool smsDown = true;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public SimulatorHost Simulators { get; private set; } = null!;
    public DigitalEduApp App { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient OperatorApi { get; private set; } = null!;
    public HttpClient OfficerApi { get; private set; } = null!;
    public RunResult FirstRun { get; private set; } = null!;

    /// <summary>The school the school user works for: the one with the most open items, not the faulted one.</summary>
    public string SchoolCode { get; private set; } = "";

    /// <summary>Another school with open items, which the school user must not reach.</summary>
    public string OtherSchoolCode { get; private set; } = "";

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(
            new SimulatorOptions { ConfigurePipeline = SmsPupilOutage.While(() => smsDown, FaultedSchool) }.WithFreePorts(), CancellationToken.None);
        App = await DigitalEduApp.StartAsync(Simulators, new Dictionary<string, string?>
        {
            // One try per page and one HTTP retry, so the faulted page fails soon instead of after minutes of backoff.
            ["Sync:BatchAttempts"] = "1",
            ["Upstreams:Sms:Resilience:MaxRetryAttempts"] = "1",
        });
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);

        OperatorApi = await App.CreateClientAsync(Roles.Operator);
        OfficerApi = await App.CreateClientAsync(Roles.Officer);
        FirstRun = await DigitalEduApp.RunSyncAsync(OperatorApi);
        smsDown = false;

        var summary = (await OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
        var schools = summary.BySchool.Where(s => s.SchoolCode != FaultedSchool && s.Total > 0).ToList();
        SchoolCode = schools[0].SchoolCode;
        OtherSchoolCode = schools[1].SchoolCode;

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<WebUserSignIn>();
        await users.CreateOrUpdateAsync(OfficerEmail, Roles.Officer, [], Password, CancellationToken.None);
        await users.CreateOrUpdateAsync(OperatorEmail, Roles.Operator, [], Password, CancellationToken.None);
        await users.CreateOrUpdateAsync(SchoolEmail, Roles.School, [SchoolCode], Password, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    /// <summary>A fresh browser context signed in as the given user, on the page the sign-in lands on.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        if (browser is null)
        {
            (playwright, browser) = await Chromium.LaunchAsync();
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button.primary");
        await page.WaitForAddressAsync(url => !url.Contains("/sign-in"));
        return page;
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects, for the authorization checks.</summary>
    public HttpClient CookieClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseUrl };

    /// <summary>Signs a cookie client in through the sign-in form, token included.</summary>
    public static async Task SignInAsync(HttpClient client, string email)
    {
        var token = await AntiforgeryTokenAsync(client, "/sign-in");
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }
}

public sealed record SummaryDto(string Status, int Total, Dictionary<string, int> ByKind, List<SchoolSummaryDto> BySchool);

public sealed record SchoolSummaryDto(string SchoolCode, string? Name, string? Level, int Total);

public sealed record BatchDto(long Id, Guid RunId, string Source, string Dataset, string SchoolCode, string Status, string? Error, int? UpstreamStatus);
