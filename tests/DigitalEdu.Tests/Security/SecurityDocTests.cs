using System.Reflection;
using System.Text.RegularExpressions;
using DigitalEdu.Tests.Observability;

namespace DigitalEdu.Tests.Security;

/// <summary>docs/security.md's table points every requirement at a test, and every test it names exists.</summary>
public sealed partial class SecurityDocTests
{
    [Fact]
    public async Task Every_row_of_the_asvs_table_names_tests_that_exist()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(DashboardTests.RepositoryRoot(), "docs", "security.md"));
        var table = text[text.IndexOf("## ASVS", StringComparison.Ordinal)..text.IndexOf("## Not met", StringComparison.Ordinal)];
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| ASVS", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 30, $"only {rows.Count} rows");

        var tests = typeof(SecurityDocTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
                .Select(m => (Class: t.Name, Method: m.Name)))
            .ToList();
        foreach (var row in rows)
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var named = TestName().Matches(cells[^2]).Select(m => m.Groups[1].Value).ToList();
            Assert.True(named.Count > 0, $"no test for: {row}");
            foreach (var name in named)
            {
                var (type, method) = name.Contains('.', StringComparison.Ordinal) ? (name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..]) : (name, null);
                Assert.True(tests.Any(t => t.Class == type && (method is null || t.Method == method)), $"{name} is not a test (row: {cells[1]})");
            }
        }
    }

    [GeneratedRegex("`([A-Z][A-Za-z]+Tests(?:\\.[A-Za-z0-9_]+)?)`")]
    private static partial Regex TestName();
}
