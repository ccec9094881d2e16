using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalEdu.Domain.Text;

/// <summary>
/// Vietnamese-aware text normalisation, in one place. Display form: NFC, trimmed, inner spaces collapsed.
/// Match key: the display form, case-folded, with one canonical tone placement and one apostrophe.
/// </summary>
public static partial class VietnameseText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>NFC, trimmed, runs of whitespace collapsed to one space; null for null or blank.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var nfc = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The key two spellings of one name share: hoà = hòa, thuỷ = thủy, khoẻ = khỏe; NFD input equals NFC input.
    /// Đ stays distinct from D (it has no decomposition and is a different letter); i and y stay distinct.
    /// The old placement (tone on the second vowel of an open "oa", "oe", "uy") is canonical, as Quyết định 1989/QĐ-BGDĐT prefers it.
    /// </summary>
    public static string? MatchKey(string? value)
    {
        var display = Normalize(value);
        if (display is null)
        {
            return null;
        }

        var decomposed = display.ToLower(Vietnamese).Normalize(NormalizationForm.FormD);
        var canonical = NewStyleTone().Replace(decomposed, MoveToneToSecondVowel);
        canonical = Apostrophes().Replace(canonical, "'");
        return canonical.Normalize(NormalizationForm.FormC);
    }

    // In NFD a toned vowel is the base letter followed by its tone mark; a syllable that ends in o+a, o+e or u+y with the
    // tone on the first vowel is the new style, and moving the mark one letter right gives the old style.
    [GeneratedRegex("([ou])([\u0300\u0301\u0303\u0309\u0323])([aey])(?![\\p{L}\\p{M}])")]
    private static partial Regex NewStyleTone();

    // Only oa, oe and uy are glide + vowel pairs; "ua" (của) and "oi" carry the tone on the first vowel in both styles.
    private static string MoveToneToSecondVowel(Match match)
    {
        var first = match.Groups[1].Value;
        var second = match.Groups[3].Value;
        var isGlidePair = (first == "o" && second is "a" or "e") || (first == "u" && second == "y");
        return isGlidePair ? first + second + match.Groups[2].Value : match.Value;
    }

    [GeneratedRegex("[\u2019\u02BC\u2018\u0060\u00B4]")]
    private static partial Regex Apostrophes();
}
