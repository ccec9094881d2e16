using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// Reads a page's <c>items</c> array into one pooled <see cref="JsonDocument"/> that all its elements share and the page
/// owns. The default converter gives every item a document of its own (a copy of its bytes and its own metadata), and one
/// unpooled document per page would be a large-object allocation per page; both cost more than the parse.
/// Otherwise it reads what the default one would: <c>items</c> an array or null, <c>nextCursor</c> a string or null,
/// <c>asOf</c> an ISO-8601 instant or null, any of them absent as null, other properties ignored, names matched as the
/// options say, the last of a repeated property kept; anything else is a <see cref="JsonException"/>.
/// </summary>
internal sealed class UpstreamPageConverter : JsonConverter<UpstreamPage>
{
    private const string Items = "items";
    private const string NextCursor = "nextCursor";
    private const string AsOf = "asOf";

    public override UpstreamPage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A page must be a JSON object, not {reader.TokenType}.");
        }

        JsonDocument? items = null;
        string? nextCursor = null;
        DateTimeOffset? asOf = null;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = PropertyOf(ref reader, options);
                reader.Read();
                switch (property)
                {
                    case Items:
                        items?.Dispose();
                        items = ReadItems(ref reader);
                        break;
                    case NextCursor:
                        nextCursor = reader.TokenType switch
                        {
                            JsonTokenType.Null => null,
                            JsonTokenType.String => reader.GetString(),
                            _ => throw WrongType(NextCursor, "a string", reader.TokenType),
                        };
                        break;
                    case AsOf:
                        asOf = reader.TokenType switch
                        {
                            JsonTokenType.Null => null,
                            JsonTokenType.String when reader.TryGetDateTimeOffset(out var instant) => instant,
                            JsonTokenType.String => throw new JsonException($"'{AsOf}' is not an ISO-8601 instant."),
                            _ => throw WrongType(AsOf, "a string", reader.TokenType),
                        };
                        break;
                    default:
                        // The serializer hands a converter the whole value, so this cannot run out of input; Skip would
                        // refuse a reader over a stream's buffer all the same.
                        if (!reader.TrySkip())
                        {
                            throw new JsonException("The page ended inside a property.");
                        }

                        break;
                }
            }
        }
        catch
        {
            items?.Dispose();
            throw;
        }

        return new UpstreamPage(items is null ? null : ElementsOf(items.RootElement), nextCursor, asOf, items);
    }

    public override void Write(Utf8JsonWriter writer, UpstreamPage value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Items);
        if (value.Items is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartArray();
            foreach (var item in value.Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteString(NextCursor, value.NextCursor);
        writer.WritePropertyName(AsOf);
        if (value.AsOf is { } asOf)
        {
            writer.WriteStringValue(asOf);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    /// <summary>One of the three names this converter reads, or null for a property to skip.</summary>
    private static string? PropertyOf(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.ValueTextEquals("items"u8))
        {
            return Items;
        }

        if (reader.ValueTextEquals("nextCursor"u8))
        {
            return NextCursor;
        }

        if (reader.ValueTextEquals("asOf"u8))
        {
            return AsOf;
        }

        // A name that is not even valid UTF-8 cannot be one of the three in any case; it is skipped, not an error.
        if (!options.PropertyNameCaseInsensitive
            || !Utf8.IsValid(reader.HasValueSequence ? reader.ValueSequence.ToArray().AsSpan() : reader.ValueSpan))
        {
            return null;
        }

        var name = reader.GetString();
        return string.Equals(name, Items, StringComparison.OrdinalIgnoreCase) ? Items
            : string.Equals(name, NextCursor, StringComparison.OrdinalIgnoreCase) ? NextCursor
            : string.Equals(name, AsOf, StringComparison.OrdinalIgnoreCase) ? AsOf
            : null;
    }

    /// <summary>The array parsed once, or null for null.</summary>
    private static JsonDocument? ReadItems(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.StartArray => JsonDocument.ParseValue(ref reader),
        _ => throw WrongType(Items, "an array", reader.TokenType),
    };

    private static JsonElement[] ElementsOf(JsonElement array)
    {
        var elements = new JsonElement[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            elements[i++] = element;
        }

        return elements;
    }

    private static JsonException WrongType(string property, string expected, JsonTokenType actual) =>
        new($"'{property}' must be {expected} or null, not {actual}.");
}
