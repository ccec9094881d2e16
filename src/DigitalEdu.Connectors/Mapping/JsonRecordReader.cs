using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DigitalEdu.Domain.Text;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// Reads the fields of one upstream record leniently: a missing, null, mistyped or malformed field never throws, it
/// yields null and a reason naming the field as the source spells it. What becomes of the record follows the field's role
/// (<see cref="WireField"/>): a failed identity field quarantines it, any other field is only unknown, its value as
/// received kept in <see cref="Unreadable"/>. A code-list field with a well-formed code the list lacks keeps that code
/// (<see cref="UnknownCodes"/>). A mapper reads every field before deciding, so a record carries all its reasons.
/// </summary>
internal sealed class JsonRecordReader
{
    private const int MaxQuotedLength = 40;

    /// <summary>The longest value as received that is kept for an unreadable field.</summary>
    private const int MaxKeptValueLength = 300;

    private readonly JsonElement element;
    private readonly string prefix;

    // The reader of the whole record: a nested reader reports its reasons there. Null for that reader itself.
    private readonly JsonRecordReader? record;

    // Made on the first reason: most records have none.
    private List<string>? reasons;
    private HashSet<string>? failedFields;
    private Dictionary<string, string>? unreadable;
    private Dictionary<string, string>? unknownCodes;

    public JsonRecordReader(JsonElement element)
        : this(element, "", null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            IdentityFailed = true;
            (reasons ??= []).Add($"record: expected a JSON object, got {Describe(element.ValueKind)}");
        }
    }

    private JsonRecordReader(JsonElement element, string prefix, JsonRecordReader? record)
    {
        this.element = element;
        this.prefix = prefix;
        this.record = record;
    }

    public bool IsObject => element.ValueKind == JsonValueKind.Object;

    /// <summary>Every reason, "wire name: why", in the order found.</summary>
    public IReadOnlyList<string> Reasons => (IReadOnlyList<string>?)Record.reasons ?? [];

    /// <summary>Whether the record cannot be placed: not an object, or an identity field could not be read.</summary>
    public bool IdentityFailed { get; private set; }

    /// <summary>Fields whose value could not be right, by canonical name, with the value as received; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Unreadable => Record.unreadable;

    /// <summary>Code-list fields holding a code the list lacks, by canonical name; null when none.</summary>
    public IReadOnlyDictionary<string, string>? UnknownCodes => Record.unknownCodes;

    private JsonRecordReader Record => record ?? this;

    /// <summary>Whether a reason was already given for this canonical field, so validation need not repeat it.</summary>
    public bool HasFailed(string canonical) => Record.failedFields?.Contains(canonical) == true;

    /// <summary>Records why a field could not be read; <paramref name="value"/> is what was there (none when missing).</summary>
    public void Fail(WireField field, string reason, JsonElement? value)
    {
        var owner = Record;
        (owner.failedFields ??= new HashSet<string>(StringComparer.Ordinal)).Add(field.Canonical);
        (owner.reasons ??= []).Add($"{prefix}{field.Name}: {reason}");
        if (field.Role == FieldRole.Identity)
        {
            owner.IdentityFailed = true;
        }
        else
        {
            (owner.unreadable ??= new Dictionary<string, string>(StringComparer.Ordinal))[field.Canonical] = Kept(value);
        }
    }

    /// <summary>The value as received of a field of this object (absent: none), for a failure found after reading.</summary>
    public JsonElement? ValueOf(WireField field) =>
        IsObject && element.TryGetProperty(field.Utf8Name, out var value) ? value : null;

    /// <summary>
    /// A value as received, to keep and show: a string's text, anything else its JSON; shortened, and without NUL (which
    /// PostgreSQL text cannot hold); text that is not even valid UTF-8 is made readable.
    /// </summary>
    private static string Kept(JsonElement? value)
    {
        if (value is not { } present || present.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "";
        }

        string text;
        try
        {
            text = present.ValueKind == JsonValueKind.String ? present.GetString()! : present.GetRawText();
        }
        catch (InvalidOperationException)
        {
            // A string's raw value is quoted; its text is what lies between the quotes.
            var raw = JsonMarshal.GetRawUtf8Value(present);
            text = Encoding.UTF8.GetString(present.ValueKind == JsonValueKind.String && raw.Length >= 2 ? raw[1..^1] : raw);
        }

        text = text.Replace("\0", "\\u0000", StringComparison.Ordinal);
        return text.Length > MaxKeptValueLength ? text[..MaxKeptValueLength] + "…" : text;
    }

    /// <summary>
    /// A nested object (e.g. SUC_KHOE), or null when absent or null. Its reasons are reported under "PARENT.FIELD"; its
    /// fields' canonical names are their full paths.
    /// </summary>
    public JsonRecordReader? Nested(WireField field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return WrongType<JsonRecordReader>(field, "an object", value);
        }

        return new JsonRecordReader(value, prefix + field.Name + ".", Record);
    }

    /// <summary>Human text (names, class names): display-normalised, so NFD and stray spaces are not a reason.</summary>
    public string? Text(WireField field, bool required = false)
    {
        if (String(field, required, out var value) is not { } raw)
        {
            return null;
        }

        var normalized = VietnameseText.Normalize(raw);
        if (normalized is null && required)
        {
            Fail(field, "blank", value);
        }

        return normalized;
    }

    /// <summary>A code or key: trimmed only. A JSON number is a wrong type here, because it would have lost leading zeros.</summary>
    public string? Code(WireField field, bool required = false)
    {
        if (String(field, required, out var value) is not { } raw)
        {
            return null;
        }

        var trimmed = raw.Trim();
        if (trimmed.Length == 0)
        {
            if (required)
            {
                Fail(field, "blank", value);
            }

            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// A code of <paramref name="list"/>: its canonical value when the list has it; the code as sent when it is well formed
    /// but the list lacks it (recorded in <see cref="UnknownCodes"/>); null, and a reason, when it cannot be a code at all.
    /// </summary>
    public string? ListCode(WireField field, CodeList list, bool required = false) =>
        Code(field, required) is { } code ? Matched(field, list, code) : null;

    /// <summary>
    /// A code of <paramref name="list"/> that may arrive as a JSON number or as text (gender 1/2, "01"/"02"): the digits
    /// cannot be misread either way.
    /// </summary>
    public string? ScalarListCode(WireField field, CodeList list, bool required = false)
    {
        if (Value(field, required) is not { } value)
        {
            return null;
        }

        var code = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => WrongType<string>(field, "a string or a number", value),
        };
        if (code is null)
        {
            return null;
        }

        if (code.Length == 0)
        {
            if (required)
            {
                Fail(field, "blank", value);
            }

            return null;
        }

        return Matched(field, list, code);
    }

    private string? Matched(WireField field, CodeList list, string code)
    {
        switch (list.Match(code, out var canonical))
        {
            case CodeMatch.Known:
                return canonical;
            case CodeMatch.Unknown:
                (Record.unknownCodes ??= new Dictionary<string, string>(StringComparer.Ordinal))[field.Canonical] = code;
                return code;
            default:
                Fail(field, list.IsClosed ? $"{Quote(code)} is unknown" : $"{Quote(code)} is not a code", ValueOf(field));
                return null;
        }
    }

    /// <summary>
    /// A value kept as typed (the personal ID): a string trimmed, or a number's literal text. An odd value is not a reason
    /// here; the reconciler reports it as id_invalid, which is where a school sees it.
    /// </summary>
    public string? RawScalar(WireField field)
    {
        if (Value(field, required: false) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => String(field, required: false, out _)?.Trim() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => WrongType<string>(field, "a string", value),
        };
    }

    /// <summary>A whole number. <paramref name="acceptDigitString"/> admits "8" for 8 where that cannot change the meaning.</summary>
    public int? Integer(WireField field, bool required = false, bool acceptDigitString = false)
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

            Fail(field, $"{Quote(value.GetRawText())} is not a whole number", value);
            return null;
        }

        if (acceptDigitString && value.ValueKind == JsonValueKind.String && String(field, required, out _) is { } raw)
        {
            var text = raw.Trim();
            if (text.Length is > 0 and <= 9 && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return int.Parse(text, CultureInfo.InvariantCulture);
            }

            Fail(field, $"{Quote(text)} is not a whole number", value);
            return null;
        }

        return value.ValueKind == JsonValueKind.String && HasFailed(field.Canonical) ? null : WrongType<int?>(field, "a number", value);
    }

    /// <summary>A measurement. Strings are not accepted: "41,2" vs "41.2" is exactly the ambiguity not to guess at.</summary>
    public decimal? Decimal(WireField field)
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

        Fail(field, $"{Quote(value.GetRawText())} is out of range", value);
        return null;
    }

    public bool? Boolean(WireField field)
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
    public DateOnly? Date(WireField field, string format, bool required = false)
    {
        if (String(field, required, out var value) is not { } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (TryParseCommonDate(text, format, out var date)
            || DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date;
        }

        Fail(field, $"{Quote(text)} is not a date ({format})", value);
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

    /// <summary>An ISO-8601 instant; one without an offset is taken as UTC, the upstreams' habit; one with an offset is taken to UTC.</summary>
    public DateTimeOffset? Instant(WireField field, bool required = false)
    {
        if (String(field, required, out var value) is not { } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (TryParseUtcInstant(text, out var instant)
            || (LooksIso(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant)))
        {
            return instant;
        }

        Fail(field, $"{Quote(text)} is not an ISO-8601 instant", value);
        return null;
    }

    /// <summary>
    /// ISO-8601's date and time (yyyy-MM-ddTHH:mm...): the general parser would also take "01/10/2026" month first, which a
    /// Vietnamese system means day first. Only the ISO form is parsed; anything else is unreadable.
    /// </summary>
    private static bool LooksIso(string text) =>
        text.Length >= 19 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-' && text[10] is 'T' or 't' && text[13] == ':';

    /// <summary>
    /// The form every upstream sends (<c>2026-10-01T07:15:00Z</c>), read digit by digit: the general parser was a hot spot
    /// of the mapping (ADR 0008). Anything else, an impossible time included, is left to <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>.
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
    public IReadOnlyList<string>? StringArray(WireField field)
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
                return WrongType<IReadOnlyList<string>?>(field, "an array of strings", value);
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

    /// <summary>
    /// A string value. Text that is not valid UTF-8 cannot be taken out as a string at all (the parser checks it only
    /// then): the field is unreadable, its bytes kept readable.
    /// </summary>
    private string? String(WireField field, bool required, out JsonElement? value)
    {
        value = Value(field, required);
        if (value is not { } present)
        {
            return null;
        }

        if (present.ValueKind != JsonValueKind.String)
        {
            return WrongType<string>(field, "a string", present);
        }

        try
        {
            return present.GetString();
        }
        catch (InvalidOperationException)
        {
            Fail(field, "not valid UTF-8 text", present);
            return null;
        }
    }

    private JsonElement? Value(WireField field, bool required)
    {
        if (!IsObject)
        {
            return null;
        }

        if (element.TryGetProperty(field.Utf8Name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Fail(field, "missing", null);
        }

        return null;
    }

    private T? WrongType<T>(WireField field, string expected, JsonElement actual)
    {
        string? shown = null;
        if (actual.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            try
            {
                shown = Quote(actual.ValueKind == JsonValueKind.String ? actual.GetString()! : actual.GetRawText());
            }
            catch (InvalidOperationException)
            {
                shown = "(not valid UTF-8)";
            }
        }

        Fail(field, $"expected {expected}, got {Describe(actual.ValueKind)}" + (shown is null ? "" : $" {shown}"), actual);
        return default;
    }

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
