using System.Text.RegularExpressions;
using DigitalEdu.Tests.Observability;
using DigitalEdu.Tests.Ops;

namespace DigitalEdu.Tests.Security;

/// <summary>The compose stack: admin UIs on loopback only, every password from the environment, none written in the file.</summary>
public sealed partial class ComposeSecurityTests
{
    private static readonly string[] AdminServices = ["grafana", "prometheus", "jaeger", "otel-collector", "simulators"];

    [Fact]
    public async Task Admin_uis_listen_on_loopback_only()
    {
        var (exitCode, output, error) = await ComposeFileTests.ConfigAsync(ComposeFileTests.Passwords);
        Assert.True(exitCode == 0, error);
        foreach (var service in AdminServices)
        {
            var ports = PortsOf(output, service);
            Assert.NotEmpty(ports);
            Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        }

        // The database is not published at all.
        Assert.Empty(PortsOf(output, "postgres"));
    }

    [Fact]
    public async Task Passwords_come_from_the_environment_and_the_stack_does_not_start_without_them()
    {
        var (exitCode, output, _) = await ComposeFileTests.ConfigAsync(ComposeFileTests.Passwords);
        Assert.Equal(0, exitCode);
        Assert.Contains("POSTGRES_PASSWORD: owner-password-from-env", output, StringComparison.Ordinal);
        Assert.Contains("GF_SECURITY_ADMIN_PASSWORD: grafana-password-from-env", output, StringComparison.Ordinal);
        Assert.Contains("Username=digitaledu;Password=service-password-from-env", output, StringComparison.Ordinal);
        Assert.Contains("Username=digitaledu_owner;Password=owner-password-from-env", output, StringComparison.Ordinal);

        foreach (var missing in ComposeFileTests.Passwords.Keys)
        {
            var without = ComposeFileTests.Passwords.Where(p => p.Key != missing).ToDictionary(p => p.Key, p => p.Value);
            var (refused, _, error) = await ComposeFileTests.ConfigAsync(without, "-q");
            Assert.NotEqual(0, refused);
            Assert.Contains(missing, error, StringComparison.Ordinal);
        }

        // No password is written in the file itself.
        var file = await File.ReadAllTextAsync(Path.Combine(DashboardTests.RepositoryRoot(), "docker-compose.yml"));
        Assert.DoesNotMatch(PasswordLiteral(), file);
    }

    /// <summary>The published ports of one service in <c>docker-compose config</c>'s output.</summary>
    private static List<string> PortsOf(string config, string service)
    {
        var block = Regex.Match(config, $"(?ms)^  {Regex.Escape(service)}:\\n(.*?)(?=^  [a-z]|^[a-z]|\\z)").Groups[1].Value;
        var ports = Regex.Match(block, "(?m)^    ports:\\n((?:    - .*\\n)+)").Groups[1].Value;
        return [.. ports.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().TrimStart('-').Trim().Trim('"'))];
    }

    // A password key or connection-string part whose value is not ${...} (":?" is the interpolation's own syntax).
    [GeneratedRegex("(?i)(password[:=](?!\\?)\\s*(?!\\$\\{)\\S|admin/admin)")]
    private static partial Regex PasswordLiteral();
}
