using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Observability;
using DigitalEdu.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Ops;

/// <summary>
/// The README's first command, run as a user runs it (<c>ops/demo.sh</c>, on ports and a state folder of its own and without
/// building again): it ends with the web address and a sign-in for each role, and following them in a browser shows a styled
/// page, the role's own.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class DemoTests(ITestOutputHelper output) : IDisposable
{
    // Made as the repository's .local/ is (a plain folder, not a private temp one): the cluster's owner (postgres, when run
    // as root) must be able to reach its folder inside.
    private readonly string state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"digitaledu-demo-{Guid.NewGuid():N}")).FullName;
    private readonly Dictionary<string, string> environment = [];

    [Fact]
    public async Task The_demo_prints_the_web_address_and_sign_ins_that_open_a_styled_page()
    {
        Assert.True(new DirectoryInfo(ProcessHost.BuildOutput).Parent!.Name == "Release", "the demo runs the Release build; run the tests with -c Release");
        environment["DIGITALEDU_LOCAL_DIR"] = state;
        environment["DIGITALEDU_WEB_PORT"] = PostgresCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["DIGITALEDU_SIMULATOR_PORT"] = ThreeFreePorts().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["DIGITALEDU_PG_PORT"] = PostgresCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, text) = await RunAsync("--no-build");
        output.WriteLine(text);
        Assert.True(code == 0, $"ops/demo.sh failed ({code}):\n{text}");
        Assert.Contains("Result: the open items per kind equal the ground truth.", text);

        var web = WebAddress().Match(text);
        Assert.True(web.Success, "the demo printed no web address");
        var signIns = SignIn().Matches(text).ToDictionary(m => m.Groups["role"].Value, m => (Email: m.Groups["email"].Value, Password: m.Groups["password"].Value));
        Assert.Equal(["Officer", "Operator", "School"], signIns.Keys.Order());

        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var landing = new Dictionary<string, string> { ["Officer"] = "/officer", ["Operator"] = "/operator", ["School"] = "/schools/" };
            foreach (var (role, (email, password)) in signIns)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
                var page = await context.NewPageAsync();
                await page.GotoAsync(web.Groups["url"].Value);
                await PageChecks.AssertStyledAsync(page);
                await page.FillAsync("input[name=email]", email);
                await page.FillAsync("input[name=password]", password);
                await page.ClickAsync("button.primary");
                try
                {
                    await page.WaitForAddressAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
                    await page.WaitForSelectorAsync("header.top", new PageWaitForSelectorOptions { Timeout = 60_000 });
                }
                catch (TimeoutException)
                {
                    var log = Path.Combine(state, "service.log");
                    var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(60)) : "(no service.log)";
                    Assert.Fail($"Signing in as {role} stayed on {page.Url}.\nThe service's log ends:\n{tail}");
                }

                Assert.Contains(landing[role], page.Url);
                await PageChecks.AssertStyledAsync(page);
                await BrowserHost.ScreenshotAsync(page, $"demo-{role.ToLowerInvariant()}-1400", fullPage: false);
                await context.CloseAsync();
            }
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    public void Dispose()
    {
        if (environment.Count > 0)
        {
            RunAsync("stop").GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cluster's files belong to the postgres user when run as root; the folder is in the temp directory.
        }
    }

    private async Task<(int Code, string Output)> RunAsync(string argument)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = DashboardTests.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("ops/demo.sh");
        start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The first of three consecutive free loopback ports (the simulators take three in a row).</summary>
    private static int ThreeFreePorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = PostgresCluster.FreePort();
            if (first < 65_000 && Enumerable.Range(1, 2).All(i => IsFree(first + i)))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No three consecutive free ports.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^Web\s+(?<url>http://127\.0\.0\.1:\d+/sign-in)\s*$", RegexOptions.Multiline)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^\s+(?<role>Officer|School|Operator)\s+(?<email>\S+@\S+)\s+password\s+(?<password>\S+)", RegexOptions.Multiline)]
    private static partial Regex SignIn();
}
