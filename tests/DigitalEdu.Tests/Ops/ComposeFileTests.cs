using System.Diagnostics;
using DigitalEdu.Tests.Observability;

namespace DigitalEdu.Tests.Ops;

/// <summary>The compose file stays valid for Debian's docker-compose (v1) as well as the Compose specification.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = DashboardTests.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-f", "docker-compose.yml", "config", "-q"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("docker-compose is not installed: run the tests with ops/test.sh, which installs it.");
            return;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await error);
        }
    }
}
