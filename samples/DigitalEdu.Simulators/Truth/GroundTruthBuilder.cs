namespace DigitalEdu.Simulators.Truth;

/// <summary>Puts the planted items in a stable order and counts them, so the same seed always gives byte-identical ground truth.</summary>
internal static class GroundTruthBuilder
{
    private static readonly string[] AllKinds =
    [
        MismatchKinds.FieldMismatch, MismatchKinds.HealthNotSynced, MismatchKinds.IdDuplicate, MismatchKinds.IdInvalid, MismatchKinds.IdMissing,
        MismatchKinds.IdUnverified, MismatchKinds.MissingInNational, MismatchKinds.MissingInSms, MismatchKinds.ProvincialStale,
        MismatchKinds.RecordQuarantined, MismatchKinds.UnreadableValue, MismatchKinds.GradeTurnover,
    ];

    public static GroundTruth Build(SimulatorOptions options, IEnumerable<GroundTruthItem> items, IEnumerable<QuarantinedRecordKey> quarantined,
        CodeDriftTally drift, IReadOnlyList<LevelFigureTruth> figures)
    {
        var ordered = items
            .OrderBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.PersonKind, StringComparer.Ordinal)
            .ThenBy(i => i.SchoolCode, StringComparer.Ordinal)
            .ThenBy(i => i.SmsKey ?? "", StringComparer.Ordinal)
            .ThenBy(i => i.MoetCode ?? "", StringComparer.Ordinal)
            .ThenBy(i => i.Detail ?? "", StringComparer.Ordinal)
            .ThenBy(i => i.Field ?? "", StringComparer.Ordinal)
            .ToArray();
        // Every kind is listed, zero included, so a consumer can tell "none planted" from "not reported".
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in AllKinds)
        {
            counts[kind] = 0;
        }

        foreach (var item in ordered)
        {
            counts[item.Kind]++;
        }

        return new GroundTruth(options.Seed, options.Persons, options.Schools, options.VendorVariation, ordered, quarantined.ToArray(),
            drift.ToList(), counts, figures);
    }

    /// <summary>One line per kind, sorted by kind: kind, tab, count.</summary>
    public static string Summary(GroundTruth truth) =>
        string.Concat(truth.CountsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}\t{p.Value}\n"));
}
