using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Observability;

namespace DigitalEdu.Tests.Ops;

/// <summary>Tests that start the service or the demo as processes of their own, one at a time (they take the machine's cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "Processes";
}

/// <summary>
/// The stylesheet and the script are served in every way the README runs the host: the demo's (the build output, with it as
/// content root), <c>dotnet run</c> (the project folder as content root), a publish output, and the container's (a publish
/// output as working directory, no content root given). Production every time; the web role alone needs no database.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class StaticFilesTests
{
    private static readonly string Root = DashboardTests.RepositoryRoot();

    public static TheoryData<string> Ways() => ["demo", "dotnet run", "publish", "container"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task The_stylesheet_and_script_are_served_however_the_host_is_run(string way)
    {
        var port = PostgresCluster.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var build = ProcessHost.BuildOutput;
        var configuration = new DirectoryInfo(build).Parent!.Name;
        ProcessStartInfo start;
        switch (way)
        {
            case "demo":
                start = Dotnet(Root, Path.Combine(build, "DigitalEdu.Service.dll"), "--urls", url, "--contentRoot", build);
                break;
            case "dotnet run":
                start = Dotnet(Root, "run", "--project", "src/DigitalEdu.Service", "-c", configuration, "--no-build", "--", "--urls", url);
                break;
            default:
                var published = await PublishAsync(configuration);
                start = way == "publish"
                    ? Dotnet(Root, Path.Combine(published, "DigitalEdu.Service.dll"), "--urls", url, "--contentRoot", published)
                    : Dotnet(published, "DigitalEdu.Service.dll");

                // As the image sets it (ops/Dockerfile): the address in the environment, the working directory the content root.
                start.Environment["ASPNETCORE_URLS"] = url;
                break;
        }

        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            var signIn = await WaitForAsync(client, "/sign-in", process, log);
            var stylesheet = StylesheetLink().Match(signIn);
            Assert.True(stylesheet.Success, $"{way}: the layout links no stylesheet");
            var css = await client.GetAsync(WebUtility.HtmlDecode(stylesheet.Groups[1].Value));
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{way}: {stylesheet.Groups[1].Value} answered {(int)css.StatusCode}");
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains("--brand", await css.Content.ReadAsStringAsync());
            var script = await client.GetAsync("/js/site.js");
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{way}: /js/site.js answered {(int)script.StatusCode}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static ProcessStartInfo Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Role"] = "web";
        start.Environment["Sync__Schedule"] = "-";
        start.Environment["ConnectionStrings__DigitalEdu"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=none";

        // The upstream secrets as the demo and compose give them (the service has none built in).
        foreach (var line in File.ReadAllLines(Path.Combine(Root, "ops", "demo.env")).Where(l => l.Contains('=') && !l.StartsWith('#')))
        {
            start.Environment[line[..line.IndexOf('=')]] = line[(line.IndexOf('=') + 1)..];
        }

        return start;
    }

    /// <summary>A publish of the service, as the image's build stage makes it (from what the tests' build left).</summary>
    private static async Task<string> PublishAsync(string configuration)
    {
        var output = Path.Combine(Path.GetTempPath(), $"digitaledu-publish-{Environment.ProcessId}");
        if (File.Exists(Path.Combine(output, "DigitalEdu.Service.dll")))
        {
            return output;
        }

        var start = Dotnet(Root, "publish", "src/DigitalEdu.Service/DigitalEdu.Service.csproj", "-c", configuration, "--no-build", "-o", output, "-nologo");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"publish failed:\n{await stdout}\n{await stderr}");
        return output;
    }

    private static async Task<string> WaitForAsync(HttpClient client, string path, Process process, System.Text.StringBuilder log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(process.HasExited, $"the service stopped:\n{log}");
            try
            {
                var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still starting.
            }

            Assert.True(DateTime.UtcNow < deadline, $"no answer on {path} within 90 s:\n{log}");
            await Task.Delay(300);
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();
}
