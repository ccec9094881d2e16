namespace DigitalEdu.Domain.Identity;

/// <summary>
/// A school's code as the SMS and MOET give it: eight ASCII digits, nothing around them. Checked by hand rather than with
/// <c>\d</c>, which also takes other scripts' digits, and <c>$</c>, which also takes a trailing newline.
/// </summary>
public static class SchoolCodes
{
    public const int Length = 8;

    public static bool IsValid(string? code) => code is { Length: Length } && code.All(char.IsAsciiDigit);
}
