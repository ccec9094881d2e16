namespace DigitalEdu.Domain.Vocabulary;

/// <summary>The mismatch kinds of the design, by their wire names.</summary>
public static class MismatchKinds
{
    public const string HealthNotSynced = "health_not_synced";
    public const string IdMissing = "id_missing";
    public const string IdInvalid = "id_invalid";
    public const string IdUnverified = "id_unverified";
    public const string IdDuplicate = "id_duplicate";
    public const string MissingInNational = "missing_in_national";
    public const string MissingInSms = "missing_in_sms";
    public const string FieldMismatch = "field_mismatch";
    public const string ProvincialStale = "provincial_stale";

    /// <summary>A stored record with a field whose value cannot be right; the detail and field name the field.</summary>
    public const string UnreadableValue = "unreadable_value";

    /// <summary>A quarantined record that can still be attributed to a person; the detail is the side that sent it.</summary>
    public const string RecordQuarantined = "record_quarantined";

    /// <summary>
    /// A school whose grades one system has moved up for the new school year and the other not yet: one school-level item
    /// (person ref <c>school:{code}</c>) instead of an item per pupil's grade and class; the detail and side are the system behind.
    /// </summary>
    public const string GradeTurnover = "grade_turnover";

    public static readonly IReadOnlyList<string> All =
    [
        HealthNotSynced, IdMissing, IdInvalid, IdUnverified, IdDuplicate, MissingInNational, MissingInSms, FieldMismatch, ProvincialStale,
        UnreadableValue, RecordQuarantined, GradeTurnover,
    ];

    /// <summary>
    /// The sources an item of this kind compares, beyond the side it is on (an item always needs its own side's records): a
    /// comparison between the SMS and the national database needs both, the provincial copy's lag needs all three.
    /// </summary>
    public static IReadOnlyList<string> ComparedSources(string kind) => kind switch
    {
        HealthNotSynced or IdUnverified or MissingInNational or MissingInSms or FieldMismatch or GradeTurnover => [WireNames.Sms, WireNames.National],
        ProvincialStale => WireNames.Sources,
        _ => [],
    };

    /// <summary>The kinds whose items compare with one of <paramref name="sources"/> (see <see cref="ComparedSources"/>).</summary>
    public static IReadOnlyList<string> Comparing(IReadOnlyCollection<string> sources) =>
        All.Where(kind => ComparedSources(kind).Any(sources.Contains)).ToList();

    /// <summary>
    /// Items only the operator (or the provincial vendor) can act on: the provincial copy lagging behind the SMS, and values or
    /// records the provincial or national system sent unreadable. Schools see them read-only.
    /// </summary>
    public static bool IsOperatorOnly(string kind, string? side) =>
        kind == ProvincialStale || (kind is UnreadableValue or RecordQuarantined && side is WireNames.Provincial or WireNames.National);
}
