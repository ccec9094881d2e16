using System.Diagnostics;
using DigitalEdu.Tests.Observability;

namespace DigitalEdu.Tests.Ops;

/// <summary>
/// The README's commands on a machine that lacks what they need: with PATH and PostgreSQL's binary folder pointed at empty
/// folders, the scripts reach their install step (as root) or print the exact apt-get line and stop (as anyone else).
/// Never a silent exit. Nothing is installed here: with an empty PATH, apt-get itself is missing, which they say.
/// </summary>
public sealed class ScriptTests : IDisposable
{
    private readonly string empty = Directory.CreateTempSubdirectory("digitaledu-empty-").FullName;
    private readonly string root = DashboardTests.RepositoryRoot();

    public void Dispose() => Directory.Delete(empty, recursive: true);

    private static bool IsRoot => Environment.UserName == "root";

    [Fact]
    public async Task Local_postgres_start_without_the_server_reaches_its_install_step_or_names_the_install_line()
    {
        var result = await RunAsync(asRoot: IsRoot, "ops/local-postgres.sh", "start");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        if (IsRoot)
        {
            Assert.Contains("Installing Debian packages: postgresql", result.StandardError);
            Assert.Contains("apt-get was not found", result.StandardError);
        }
        else
        {
            AssertNamesInstallLine(result, "postgresql");
        }
    }

    [Fact]
    public async Task Local_postgres_start_as_another_user_prints_the_install_line_and_stops()
    {
        if (!IsRoot)
        {
            // Run as that user already: the test above checks the same path.
            return;
        }

        var result = await RunAsync(asRoot: false, "ops/local-postgres.sh", "start");

        Assert.NotEqual(0, result.ExitCode);
        AssertNamesInstallLine(result, "postgresql");
        Assert.DoesNotContain("Installing", result.StandardError);
    }

    [Fact]
    public async Task The_test_command_checks_chromium_before_any_test_and_names_the_install_line()
    {
        var result = await RunAsync(asRoot: false, "-c", ". ops/lib/prerequisites.sh && require_chromium && echo unreachable");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("unreachable", result.StandardOutput);
        AssertNamesInstallLine(result, "chromium");
    }

    [Fact]
    public async Task An_unexpected_failure_names_the_command_and_line()
    {
        var result = await RunAsync(asRoot: IsRoot, "-c", "set -Ee; . ops/lib/prerequisites.sh; no-such-command-here; echo unreachable");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("\"no-such-command-here\" failed", result.StandardError);
    }

    private static void AssertNamesInstallLine(ProcessResult result, string package) =>
        Assert.Contains($"sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends {package}'", result.StandardError);

    /// <summary>Runs bash on a script of the repository with PATH and the PostgreSQL and Chromium locations pointed at an empty folder.</summary>
    private async Task<ProcessResult> RunAsync(bool asRoot, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] environment = [$"PATH={empty}", $"DIGITALEDU_PG_BIN_ROOT={empty}", $"DIGITALEDU_CHROMIUM={empty}/chromium", $"HOME={empty}"];
        if (IsRoot && !asRoot)
        {
            // runuser drops to an unprivileged user; env sets the empty PATH for the script only.
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "nobody", "--", "/usr/bin/env", "-i", .. environment, "/bin/bash", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = "/bin/bash";
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var variable in environment)
            {
                var parts = variable.Split('=', 2);
                start.Environment[parts[0]] = parts[1];
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
}
