using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// One page as it comes off the wire. Items stay <see cref="JsonElement"/> so a record that does not fit the canonical
/// model can be kept whole in quarantine; only the envelope has to be well formed.
/// A page read from JSON keeps its items in one document with pooled buffers: dispose the page once its items are
/// mapped, so the next page reuses them. Its items cannot be read after that.
/// </summary>
[JsonConverter(typeof(UpstreamPageConverter))]
public sealed class UpstreamPage : IDisposable
{
    private readonly JsonDocument? items;

    public UpstreamPage(IReadOnlyList<JsonElement>? items, string? nextCursor, DateTimeOffset? asOf)
        : this(items, nextCursor, asOf, null)
    {
    }

    internal UpstreamPage(IReadOnlyList<JsonElement>? items, string? nextCursor, DateTimeOffset? asOf, JsonDocument? document)
    {
        Items = items;
        NextCursor = nextCursor;
        AsOf = asOf;
        this.items = document;
    }

    public IReadOnlyList<JsonElement>? Items { get; }

    public string? NextCursor { get; }

    public DateTimeOffset? AsOf { get; }

    public void Dispose() => items?.Dispose();
}

/// <summary>An unpaged listing (<c>{"items": [...]}</c>), used for the school lists.</summary>
public sealed record UpstreamList([property: JsonPropertyName("items")] IReadOnlyList<JsonElement>? Items);
