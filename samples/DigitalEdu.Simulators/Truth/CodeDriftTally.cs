namespace DigitalEdu.Simulators.Truth;

/// <summary>
/// Counts every unknown code as it is written into the data, so the drift in the ground truth is what was sent, not what
/// was meant to be sent.
/// </summary>
internal sealed class CodeDriftTally
{
    private readonly SortedDictionary<(string Source, string Field, string Code), int> _counts = new();

    public void Add(UpstreamSource source, string field, string code, int records = 1)
    {
        var key = (source.Name(), field, code);
        _counts[key] = _counts.GetValueOrDefault(key) + records;
    }

    /// <summary>Sorted by source, field and code (ordinal), so the same seed serialises byte for byte the same.</summary>
    public IReadOnlyList<CodeDriftCount> ToList() =>
        _counts.OrderBy(p => p.Key.Source, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Field, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Code, StringComparer.Ordinal)
            .Select(p => new CodeDriftCount(p.Key.Source, p.Key.Field, p.Key.Code, p.Value))
            .ToArray();
}
