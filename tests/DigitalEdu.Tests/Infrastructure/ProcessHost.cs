using System.Diagnostics;
using System.Net;
using System.Text;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// The service started the way <c>ops/demo.sh</c> starts it: <c>dotnet DigitalEdu.Service.dll</c> from the service's build
/// output, with that folder as its content root, in the Production environment, configured through the environment. What the
/// pages need from the build output (appsettings, static files) is then tested as a clerk meets it. Its commands (migrate,
/// create-user, create-token) run the same way.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ProcessHost(Process process, Uri baseUrl, IReadOnlyDictionary<string, string?> settings)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Settings = settings;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>What the service wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// The service's own build output, as the demo runs it (<c>src/DigitalEdu.Service/bin/&lt;configuration&gt;/net10.0</c>), of
    /// the configuration these tests were built in.
    /// </summary>
    public static string BuildOutput
    {
        get
        {
            // .../tests/DigitalEdu.Tests/bin/<configuration>/<framework>/
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var folder = Path.Combine(Observability.DashboardTests.RepositoryRoot(), "src", "DigitalEdu.Service", "bin", configuration, framework.Name);
            Assert.True(File.Exists(Path.Combine(folder, "DigitalEdu.Service.dll")), $"The service is not built in {folder}.");
            return folder;
        }
    }

    /// <summary>Starts the service on a free loopback port and waits until it answers.</summary>
    public static async Task<ProcessHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string? contentRoot = null)
    {
        var folder = BuildOutput;
        var baseUrl = new Uri($"http://127.0.0.1:{PostgresCluster.FreePort()}");
        var start = Prepare(settings, folder, "--urls", baseUrl.ToString().TrimEnd('/'), "--contentRoot", contentRoot ?? folder);
        var host = new ProcessHost(Process.Start(start)!, baseUrl, settings);
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(host.process.HasExited, $"The service stopped at start:\n{host.Output}");
            try
            {
                if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            Assert.True(DateTime.UtcNow < deadline, $"The service did not answer within 90 s:\n{host.Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Runs one of the service's commands to its end, as the demo does, and returns what it printed.</summary>
    public static async Task<string> RunCommandAsync(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var outcome = await ServiceCommand.RunAsync(settings, arguments);
        Assert.True(outcome.ExitCode == 0, $"service {arguments[0]} failed ({outcome.ExitCode}):\n{outcome.StandardOutput}\n{outcome.StandardError}");
        return outcome.StandardOutput.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    internal static ProcessStartInfo Prepare(IReadOnlyDictionary<string, string?> settings, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(folder, "DigitalEdu.Service.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // As a deployment runs it: Production, whatever the test runner's own environment says.
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 400_000)
            {
                output.AppendLine(line);
            }
        }
    }
}
