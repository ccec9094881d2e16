using System.Text.Json.Serialization;

namespace DigitalEdu.Simulators.Truth;

/// <summary>What the reconciler must find in the generated data: every planted item, and every record planted as malformed.</summary>
public sealed record GroundTruth(
    int Seed,
    int Persons,
    int Schools,
    IReadOnlyList<GroundTruthItem> Items,
    IReadOnlyList<QuarantinedRecordKey> Quarantined,
    IReadOnlyDictionary<string, int> CountsByKind);

/// <summary>
/// One expected mismatch item. <see cref="SmsKey"/> is set when the item concerns an SMS record or a matched pair;
/// <see cref="MoetCode"/> and <see cref="SchoolCode"/> come from the SMS record when there is one, otherwise from the national one.
/// </summary>
public sealed record GroundTruthItem(
    string Kind,
    string? Detail,
    string PersonKind,
    string SchoolCode,
    string? SmsKey,
    string? MoetCode,
    string? Field);

/// <summary>A record planted as malformed. <see cref="Key"/> is null for the record planted without its key.</summary>
public sealed record QuarantinedRecordKey(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("key")] string? Key);

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
}
