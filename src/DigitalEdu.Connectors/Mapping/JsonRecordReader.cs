using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalEdu.Domain.Text;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// Reads the fields of one upstream record leniently: a missing, null, mistyped or malformed field never throws, it
/// yields null and a reason naming the field as the source spells it. A mapper reads every field before deciding, so
/// a quarantined record carries all its reasons, not just the first.
/// Field names are passed as UTF-8 literals (<c>"fullName"u8</c>): a record is looked up a dozen times, and a string name
/// would be transcoded to UTF-8 on every lookup. They are made strings only for a reason.
/// </summary>
internal sealed class JsonRecordReader
{
    private const int MaxQuotedLength = 40;

    private readonly JsonElement element;
    private readonly string prefix;

    // The reader of the whole record: a nested reader reports its reasons there. Null for that reader itself.
    private readonly JsonRecordReader? record;

    // Made on the first reason: most records have none.
    private List<string>? reasons;
    private HashSet<string>? failedFields;

    public JsonRecordReader(JsonElement element)
        : this(element, "", null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail("record", $"expected a JSON object, got {Describe(element.ValueKind)}");
        }
    }

    private JsonRecordReader(JsonElement element, string prefix, JsonRecordReader? record)
    {
        this.element = element;
        this.prefix = prefix;
        this.record = record;
    }

    public bool IsObject => element.ValueKind == JsonValueKind.Object;

    public IReadOnlyList<string> Reasons => (IReadOnlyList<string>?)Record.reasons ?? [];

    private JsonRecordReader Record => record ?? this;

    /// <summary>Whether a reason was already given for this field (full dotted name), so validation need not repeat it.</summary>
    public bool HasFailed(string field) => Record.failedFields?.Contains(field) == true;

    public void Fail(string field, string reason)
    {
        var name = prefix + field;
        var owner = Record;
        (owner.failedFields ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        (owner.reasons ??= []).Add($"{name}: {reason}");
    }

    public void Fail(ReadOnlySpan<byte> field, string reason) => Fail(Encoding.UTF8.GetString(field), reason);

    /// <summary>A nested object (e.g. SUC_KHOE), or null when absent or null. Its reasons are reported under "PARENT.FIELD".</summary>
    public JsonRecordReader? Nested(ReadOnlySpan<byte> field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return WrongType(field, "an object", value);
        }

        return new JsonRecordReader(value, prefix + Encoding.UTF8.GetString(field) + ".", Record);
    }

    /// <summary>Human text (names, class names): display-normalised, so NFD and stray spaces are not a reason.</summary>
    public string? Text(ReadOnlySpan<byte> field, bool required = false)
    {
        if (String(field, required) is not { } raw)
        {
            return null;
        }

        var normalized = VietnameseText.Normalize(raw);
        if (normalized is null && required)
        {
            Fail(field, "blank");
        }

        return normalized;
    }

    /// <summary>A code or key: trimmed only. A JSON number is a wrong type here, because it would have lost leading zeros.</summary>
    public string? Code(ReadOnlySpan<byte> field, bool required = false)
    {
        if (String(field, required) is not { } raw)
        {
            return null;
        }

        var trimmed = raw.Trim();
        if (trimmed.Length == 0)
        {
            if (required)
            {
                Fail(field, "blank");
            }

            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// A value kept as typed (the personal ID): a string trimmed, or a number's literal text. An odd value is not a reason
    /// here; the reconciler reports it as id_invalid, which is where a school sees it.
    /// </summary>
    public string? RawScalar(ReadOnlySpan<byte> field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => WrongType<string>(field, "a string", value),
        };
    }

    /// <summary>A whole number. <paramref name="acceptDigitString"/> admits "8" for 8 where that cannot change the meaning.</summary>
    public int? Integer(ReadOnlySpan<byte> field, bool required = false, bool acceptDigitString = false)
    {
        if (Value(field, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var number))
            {
                return number;
            }

            Fail(field, $"{Quote(value.GetRawText())} is not a whole number");
            return null;
        }

        if (acceptDigitString && value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (text.Length is > 0 and <= 9 && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return int.Parse(text, CultureInfo.InvariantCulture);
            }

            Fail(field, $"{Quote(text)} is not a whole number");
            return null;
        }

        return WrongType<int?>(field, "a number", value);
    }

    /// <summary>A measurement. Strings are not accepted: "41,2" vs "41.2" is exactly the ambiguity not to guess at.</summary>
    public decimal? Decimal(ReadOnlySpan<byte> field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return WrongType<decimal?>(field, "a number", value);
        }

        if (value.TryGetDecimal(out var number))
        {
            return number;
        }

        Fail(field, $"{Quote(value.GetRawText())} is out of range");
        return null;
    }

    public bool? Boolean(ReadOnlySpan<byte> field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => WrongType<bool?>(field, "true or false", value),
        };
    }

    /// <summary>A calendar date in the source's exact format; 31/02/2012 is not a date.</summary>
    public DateOnly? Date(ReadOnlySpan<byte> field, string format, bool required = false)
    {
        if (String(field, required) is not { } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (TryParseCommonDate(text, format, out var date)
            || DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date;
        }

        Fail(field, $"{Quote(text)} is not a date ({format})");
        return null;
    }

    /// <summary>
    /// The two formats the upstreams use, read digit by digit: a few million dates per run made the general parser a hot spot.
    /// Anything else, an impossible date included, is left to <see cref="DateOnly.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateOnly)"/>.
    /// </summary>
    private static bool TryParseCommonDate(ReadOnlySpan<char> text, string format, out DateOnly date)
    {
        date = default;
        if (text.Length != 10)
        {
            return false;
        }

        int year, month, day;
        if (format == "yyyy-MM-dd" && text[4] == '-' && text[7] == '-')
        {
            (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        }
        else if (format == "dd/MM/yyyy" && text[2] == '/' && text[5] == '/')
        {
            (year, month, day) = (Digits(text, 6, 4), Digits(text, 3, 2), Digits(text, 0, 2));
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;

        static int Digits(ReadOnlySpan<char> s, int start, int length)
        {
            var value = 0;
            for (var i = start; i < start + length; i++)
            {
                if (s[i] is < '0' or > '9')
                {
                    return -1;
                }

                value = (value * 10) + (s[i] - '0');
            }

            return value;
        }
    }

    /// <summary>An ISO-8601 instant; one without an offset is taken as UTC, the upstreams' habit.</summary>
    public DateTimeOffset? Instant(ReadOnlySpan<byte> field, bool required = false)
    {
        if (String(field, required) is not { } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (TryParseUtcInstant(text, out var instant)
            || (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant)
                && text.Length >= 10 && char.IsAsciiDigit(text[0])))
        {
            return instant;
        }

        Fail(field, $"{Quote(text)} is not an ISO-8601 instant");
        return null;
    }

    /// <summary>
    /// The form every upstream sends (<c>2026-10-01T07:15:00Z</c>), read digit by digit: the general parser took a fifth
    /// of the mapping CPU. Anything else, an impossible time included, is left to <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>.
    /// </summary>
    private static bool TryParseUtcInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z'
            || !TryParseCommonDate(text.AsSpan(0, 10), "yyyy-MM-dd", out var date))
        {
            return false;
        }

        var (hour, minute, second) = (Digits(text, 11), Digits(text, 14), Digits(text, 17));
        if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        instant = new DateTimeOffset(date, new TimeOnly(hour, minute, second), TimeSpan.Zero);
        return true;

        static int Digits(string s, int start) =>
            s[start] is >= '0' and <= '9' && s[start + 1] is >= '0' and <= '9' ? ((s[start] - '0') * 10) + (s[start + 1] - '0') : -1;
    }

    /// <summary>An array of strings; null when absent. A non-string element is a reason.</summary>
    public IReadOnlyList<string>? StringArray(ReadOnlySpan<byte> field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return WrongType<IReadOnlyList<string>?>(field, "an array", value);
        }

        var result = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return WrongType<IReadOnlyList<string>?>(field, "an array of strings", item);
            }

            result.Add(item.GetString()!.Trim());
        }

        return result;
    }

    /// <summary>Quotes a value for a reason, shortened, with control characters made visible (a NUL must not reach storage).</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("'");
        foreach (var c in value.Length > MaxQuotedLength ? value[..MaxQuotedLength] : value)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(value.Length > MaxQuotedLength ? "…'" : "'").ToString();
    }

    private string? String(ReadOnlySpan<byte> field, bool required)
    {
        if (Value(field, required) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : WrongType<string>(field, "a string", value);
    }

    private JsonElement? Value(ReadOnlySpan<byte> field, bool required)
    {
        if (!IsObject)
        {
            return null;
        }

        if (element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Fail(field, "missing");
        }

        return null;
    }

    private T? WrongType<T>(ReadOnlySpan<byte> field, string expected, JsonElement actual)
    {
        Fail(field, $"expected {expected}, got {Describe(actual.ValueKind)}"
            + (actual.ValueKind is JsonValueKind.String or JsonValueKind.Number ? $" {Quote(actual.ValueKind == JsonValueKind.String ? actual.GetString()! : actual.GetRawText())}" : ""));
        return default;
    }

    private JsonRecordReader? WrongType(ReadOnlySpan<byte> field, string expected, JsonElement actual) => WrongType<JsonRecordReader>(field, expected, actual);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
