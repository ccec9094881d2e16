using System.Text.Json.Serialization;

namespace DigitalEdu.Simulators.Truth;

/// <summary>
/// What the reconciler must find in the generated data: every planted item, every record planted as malformed, and the codes
/// nobody knows that a clean full run stores (its code-list drift), and the report figures by school and level (empty with
/// vendor variation).
/// </summary>
public sealed record GroundTruth(
    int Seed,
    int Persons,
    int Schools,
    bool VendorVariation,
    IReadOnlyList<GroundTruthItem> Items,
    IReadOnlyList<QuarantinedRecordKey> Quarantined,
    IReadOnlyList<CodeDriftCount> CodeDrift,
    IReadOnlyDictionary<string, int> CountsByKind,
    IReadOnlyList<LevelFigureTruth> Figures);

/// <summary>
/// One expected mismatch item. <see cref="SmsKey"/> is set when the item concerns an SMS record (or an SMS exam's pupil) or a
/// matched pair; <see cref="MoetCode"/> and <see cref="SchoolCode"/> come from that SMS record when there is one, otherwise from
/// the record itself.
/// </summary>
public sealed record GroundTruthItem(
    string Kind,
    string? Detail,
    string PersonKind,
    string SchoolCode,
    string? SmsKey,
    string? MoetCode,
    string? Field);

/// <summary>
/// A record planted so that it cannot be placed. <see cref="Key"/> is null when its key was removed. An attributable one still
/// carries a MOET code or personal ID, so the reader stores a placeholder for it; an exam never has one (exams are not persons).
/// </summary>
public sealed record QuarantinedRecordKey(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("moetCode")] string? MoetCode = null,
    [property: JsonPropertyName("personalId")] string? PersonalId = null,
    [property: JsonPropertyName("attributable")] bool Attributable = false);

/// <summary>
/// How many records (schools, for <c>level</c>) of one source hold one code that is in none of DigitalEdu's lists.
/// <see cref="Field"/> is the canonical name: status, position, ethnicityCode, populationCheck.status or level.
/// </summary>
public sealed record CodeDriftCount(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("records")] int Records);

/// <summary>Kind names as the reconciler reports them.</summary>
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
    public const string UnreadableValue = "unreadable_value";
    public const string RecordQuarantined = "record_quarantined";
    public const string GradeTurnover = "grade_turnover";
}

/// <summary>The source names the ground truth uses, as the reconciler names a side.</summary>
public static class SourceNames
{
    public const string Sms = "sms";
    public const string Provincial = "provincial";
    public const string National = "national";

    public static string Name(this UpstreamSource source) => source switch
    {
        UpstreamSource.Sms => Sms,
        UpstreamSource.Provincial => Provincial,
        _ => National,
    };
}
