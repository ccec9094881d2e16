using System.Reflection;
using System.Text.RegularExpressions;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Reconcile;

namespace DigitalEdu.Tests.Reconcile;

/// <summary>
/// The reconcile's statements take their kinds, statuses, sources and fields from the vocabulary's constants: none is spelled as
/// a literal, and none is a placeholder left uninterpolated (which would compile and quietly compare with the wrong text).
/// </summary>
public sealed partial class ReconcileSqlTextTests
{
    public static TheoryData<string> Statements() => [.. typeof(ReconcileSql).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_spells_no_code_as_a_literal_and_leaves_no_hole(string name)
    {
        var sql = (string)typeof(ReconcileSql).GetField(name)!.GetRawConstantValue()!;
        Assert.DoesNotMatch(UninterpolatedHole(), sql);

        string[] codes = [.. MismatchKinds.All, .. MismatchStatus.All, .. WireNames.Sources, .. WireNames.PersonKinds, .. Fields.Compared];
        var literals = Literal().Matches(sql).Select(m => m.Groups["text"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            // The constant's value is in the text, interpolated: a literal of it cannot be told apart, so each is checked to
            // come from a constant by compiling the file (this test) and by its absence from the source as a literal.
            Assert.True(!literals.Contains(code) || SourceInterpolates(code), $"{name} spells '{code}' as a literal");
        }
    }

    private static readonly string Source = File.ReadAllText(Path.Combine(
        Observability.DashboardTests.RepositoryRoot(), "src", "DigitalEdu.Sync", "Reconcile", "ReconcileSql.cs"));

    // Every quoted code in the source is an interpolation hole ('{{Constant}}'), never the code itself.
    private static bool SourceInterpolates(string code) => !Source.Contains($"'{code}'", StringComparison.Ordinal);

    [GeneratedRegex(@"'\{+[A-Z][A-Za-z]*\.[A-Za-z.]+\}+'")]
    private static partial Regex UninterpolatedHole();

    [GeneratedRegex(@"'(?<text>[^']*)'")]
    private static partial Regex Literal();
}
