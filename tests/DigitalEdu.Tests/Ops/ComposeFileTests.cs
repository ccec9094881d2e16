using System.Diagnostics;
using DigitalEdu.Tests.Observability;

namespace DigitalEdu.Tests.Ops;

/// <summary>The compose file stays valid for Debian's docker-compose (v1) as well as the Compose specification.</summary>
public sealed class ComposeFileTests
{
    /// <summary>The passwords the compose file takes from the environment, as an operator sets them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["DIGITALEDU_DB_OWNER_PASSWORD"] = "owner-password-from-env",
        ["DIGITALEDU_DB_PASSWORD"] = "service-password-from-env",
        ["GRAFANA_ADMIN_PASSWORD"] = "grafana-password-from-env",
    };

    [Fact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var (exitCode, _, error) = await ConfigAsync(Passwords, "-q");
        Assert.True(exitCode == 0, error);
    }

    /// <summary><c>docker-compose config</c> on the repository's compose file, with only the given variables in its environment.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> ConfigAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = DashboardTests.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-f", "docker-compose.yml", "config", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in Passwords.Keys)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("docker-compose is not installed: run the tests with ops/test.sh, which installs it.");
            throw;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output, await error);
        }
    }
}
