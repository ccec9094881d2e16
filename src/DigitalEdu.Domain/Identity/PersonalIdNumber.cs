using System.Text.RegularExpressions;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Domain.Identity;

/// <summary>Why a present personal ID cannot be right. The names are the <c>id_invalid</c> details of the service API.</summary>
public enum PersonalIdDefect
{
    None,
    Format,
    LeadingZeroLost,
    LegacyCmnd,
    UnknownProvinceCode,
    GenderDigit,
    BirthYear,
}

/// <summary>
/// The outcome of checking a personal ID. <see cref="Digits"/> is the cleaned number whenever it is 12 digits, even when
/// it contradicts the record (matching uses it: the same 12 digits on both sides are the same person); <see cref="Defect"/> is its first defect.
/// </summary>
public readonly record struct PersonalIdCheck(bool IsPresent, string? Digits, PersonalIdDefect Defect)
{
    public static readonly PersonalIdCheck Missing = new(false, null, PersonalIdDefect.None);

    public bool IsValid => IsPresent && Defect == PersonalIdDefect.None;
}

/// <summary>
/// The 12-digit personal identification number (Nghị định 137/2015/NĐ-CP Điều 13; Thông tư 07/2016/TT-BCA Điều 7):
/// province of birth registration (3), century and gender (1), birth year (2), random (6). There is no check digit,
/// so only format and plausibility against the record's gender and birth year can be checked.
/// </summary>
public static partial class PersonalIdNumber
{
    /// <summary>Strips the separators people type (spaces, dots, dashes); keeps everything else so letters stay visible.</summary>
    public static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Math.Min(raw.Length, 64)];
        var length = 0;
        foreach (var c in raw)
        {
            if (IsSeparator(c))
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return raw.Trim();
            }

            buffer[length++] = c;
        }

        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>
    /// Checks a raw ID against the record. The same as checking <see cref="Clean"/>'s result, without making the cleaned
    /// string unless it is returned as <see cref="PersonalIdCheck.Digits"/>: it runs once for every stored person.
    /// A gender or date of birth that is unknown (the record's value could not be read) is not checked against.
    /// </summary>
    public static PersonalIdCheck Check(string? raw, Gender? gender, DateOnly? dateOfBirth)
    {
        if (raw is null)
        {
            return PersonalIdCheck.Missing;
        }

        // Only 12 kept characters can be valid; past that only the count matters.
        Span<char> digits = stackalloc char[12];
        var length = 0;
        foreach (var c in raw)
        {
            if (IsSeparator(c))
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return new PersonalIdCheck(true, null, PersonalIdDefect.Format);
            }

            if (length < digits.Length)
            {
                digits[length] = c;
            }

            length++;
        }

        switch (length)
        {
            case 0:
                return PersonalIdCheck.Missing;
            case 11:
                return new PersonalIdCheck(true, null, PersonalIdDefect.LeadingZeroLost);
            case 9:
                return new PersonalIdCheck(true, null, PersonalIdDefect.LegacyCmnd);
            case not 12:
                return new PersonalIdCheck(true, null, PersonalIdDefect.Format);
        }

        // Most IDs arrive already clean: then the raw string is the digits.
        var cleaned = raw.Length == 12 ? raw : new string(digits);
        if (!ProvinceCodes.IsKnownPrefix(digits[..3]))
        {
            return new PersonalIdCheck(true, cleaned, PersonalIdDefect.UnknownProvinceCode);
        }

        // Digit 4: even = male, odd = female; digit div 2 gives the century from 1900 (0/1 1900s, 2/3 2000s, ...).
        var centuryGenderDigit = digits[3] - '0';
        var digitGender = centuryGenderDigit % 2 == 0 ? Gender.Male : Gender.Female;
        if (gender is not null && digitGender != gender)
        {
            return new PersonalIdCheck(true, cleaned, PersonalIdDefect.GenderDigit);
        }

        var birthYear = ((centuryGenderDigit / 2) + 19) * 100 + ((digits[4] - '0') * 10) + (digits[5] - '0');
        if (dateOfBirth is { } born && birthYear != born.Year)
        {
            return new PersonalIdCheck(true, cleaned, PersonalIdDefect.BirthYear);
        }

        return new PersonalIdCheck(true, cleaned, PersonalIdDefect.None);
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '.' or '-' or '\u00A0';

    /// <summary>The wire name of a defect, as used in mismatch details.</summary>
    public static string ToDetail(this PersonalIdDefect defect) => defect switch
    {
        PersonalIdDefect.Format => "format",
        PersonalIdDefect.LeadingZeroLost => "leading_zero_lost",
        PersonalIdDefect.LegacyCmnd => "legacy_cmnd",
        PersonalIdDefect.UnknownProvinceCode => "unknown_province_code",
        PersonalIdDefect.GenderDigit => "gender_digit",
        PersonalIdDefect.BirthYear => "birth_year",
        _ => "none",
    };

    /// <summary>
    /// The masked form with some more digits shown, counted from 1 (digit 4, century and gender; digits 5–6, the birth year): what
    /// a defect's guidance refers to, and nothing else. Positions past the end are ignored.
    /// </summary>
    public static string? MaskExcept(string? id, params int[] positions)
    {
        var masked = Mask(id);
        if (masked is null || id is null || masked.Length != id.Length)
        {
            return masked;
        }

        var shown = masked.ToCharArray();
        foreach (var position in positions)
        {
            if (position >= 1 && position <= id.Length)
            {
                shown[position - 1] = id[position - 1];
            }
        }

        return new string(shown);
    }

    /// <summary>The digits a defect is about, counted from 1; none for a defect of the whole number.</summary>
    public static int[] PositionsOf(PersonalIdDefect defect) => defect switch
    {
        PersonalIdDefect.UnknownProvinceCode => [1, 2, 3],
        PersonalIdDefect.GenderDigit => [4],
        PersonalIdDefect.BirthYear => [4, 5, 6],
        _ => [],
    };

    /// <summary>The defect a detail names (<see cref="ToDetail"/>), or <see cref="PersonalIdDefect.None"/>.</summary>
    public static PersonalIdDefect DefectOf(string? detail) =>
        Enum.GetValues<PersonalIdDefect>().FirstOrDefault(d => d != PersonalIdDefect.None && d.ToDetail() == detail);

    /// <summary>Masks all but the first three and last three digits (022******234), as the design requires outside privileged roles.</summary>
    public static string? Mask(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return id;
        }

        return id.Length <= 6 ? new string('*', id.Length) : id[..3] + new string('*', id.Length - 6) + id[^3..];
    }

    /// <summary>
    /// Free text from outside (an upstream's error answer) with every run of nine or more digits masked as <see cref="Mask"/>
    /// masks an ID: personal IDs (12), old identity cards (9) and phone numbers (10) must not reach a page or a log through it.
    /// </summary>
    public static string? MaskNumbersIn(string? text) =>
        string.IsNullOrEmpty(text) ? text : LongNumber().Replace(text, m => Mask(m.Value)!);

    [GeneratedRegex(@"\d{9,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}
