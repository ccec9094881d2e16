namespace DigitalEdu.Connectors.Mapping;

/// <summary>Limits shared by the validators, kept in one place so storage and validation agree.</summary>
internal static class RecordRules
{
    public const int MaxNameLength = 200;
    public const int MaxKeyLength = 64;
    public const int MaxShortTextLength = 50;

    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    // The upstreams and the schools live on Vietnam time (UTC+7): a child born this morning in Hà Nội is not "in the future".
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider timeProvider) =>
        DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(VietnamOffset).DateTime);

    /// <summary>No control characters: a NUL cannot be stored in PostgreSQL text, and the others are never part of a name or code.</summary>
    public static bool HasNoControlCharacters(string? value) => value is null || !value.Any(char.IsControl);

    public static bool IsTenDigits(string? value) => value is null || (value.Length == 10 && value.All(char.IsAsciiDigit));
}
