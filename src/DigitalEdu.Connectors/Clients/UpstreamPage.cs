using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// One page as it comes off the wire. Items stay <see cref="JsonElement"/> so a record that does not fit the canonical
/// model can be kept whole in quarantine; only the envelope has to be well formed.
/// </summary>
public sealed record UpstreamPage(
    [property: JsonPropertyName("items")] IReadOnlyList<JsonElement>? Items,
    [property: JsonPropertyName("nextCursor")] string? NextCursor,
    [property: JsonPropertyName("asOf")] DateTimeOffset? AsOf);

/// <summary>An unpaged listing (<c>{"items": [...]}</c>), used for the school lists.</summary>
public sealed record UpstreamList([property: JsonPropertyName("items")] IReadOnlyList<JsonElement>? Items);
