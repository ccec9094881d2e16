namespace DigitalEdu.Connectors.Mapping;

/// <summary>Limits and checks shared by the validators, kept in one place so storage and validation agree.</summary>
internal static class RecordRules
{
    public const int MaxNameLength = 200;
    public const int MaxKeyLength = 64;
    public const int MaxShortTextLength = 50;

    public const string Missing = "missing";
    public const string ControlCharacter = "contains a control character";

    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    // The upstreams and the schools live on Vietnam time (UTC+7): a child born this morning in Hà Nội is not "in the future".
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider timeProvider) =>
        DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(VietnamOffset).DateTime);

    /// <summary>
    /// No control characters (C0, DEL and C1: what <see cref="char.IsControl(char)"/> accepts): a NUL cannot be stored in
    /// PostgreSQL text, and the others are never part of a name or code.
    /// </summary>
    public static bool HasNoControlCharacters(string? value) =>
        value is null || (!value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !value.AsSpan().ContainsAnyInRange('\u007F', '\u009F'));

    public static bool IsTenDigits(string? value) => value is null || (value.Length == 10 && !value.AsSpan().ContainsAnyExceptInRange('0', '9'));

    public static string LongerThan(int length) => $"longer than {length} characters";

    /// <summary>
    /// A text field's checks in order, stopping at the first that fails: present (when <paramref name="required"/>; blank is
    /// missing), at most <paramref name="maxLength"/> characters, no control characters. Null when it passes.
    /// </summary>
    public static string? CheckText(string? value, int maxLength, bool required = false)
    {
        if (value is null)
        {
            return required ? Missing : null;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            return Missing;
        }

        if (value.Length > maxLength)
        {
            return LongerThan(maxLength);
        }

        return HasNoControlCharacters(value) ? null : ControlCharacter;
    }

    /// <summary>A date of birth or an exam date: not before 1900, not after today in Vietnam. Null when it passes.</summary>
    public static string? CheckDate(DateOnly date, TimeProvider timeProvider) =>
        date >= EarliestDate && date <= Today(timeProvider) ? null : $"{date:yyyy-MM-dd} is outside 1900-01-01..today";
}
