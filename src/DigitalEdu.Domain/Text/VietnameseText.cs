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

        var nfc = IsSurelyComposed(value) || value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        if (!NeedsSpacing(nfc))
        {
            return nfc;
        }

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

        var lower = display.ToLower(Vietnamese);
        if (IsSurelyComposed(lower) && lower.AsSpan().IndexOfAny(ToneOnGlideOrApostrophe) < 0)
        {
            // Nothing to move and nothing to fold: the lower-case NFC form is the key. Most names take this path.
            return lower;
        }

        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var canonical = NewStyleTone().Replace(decomposed, MoveToneToSecondVowel);
        canonical = Apostrophes().Replace(canonical, "'");
        return canonical.Normalize(NormalizationForm.FormC);
    }

    // A plain o or u carrying a tone (the only letters the tone rule moves a mark from), and the apostrophes folded to one.
    private static readonly System.Buffers.SearchValues<char> ToneOnGlideOrApostrophe = System.Buffers.SearchValues.Create(
        "\u00F2\u00F3\u00F5\u1ECF\u1ECD\u00D2\u00D3\u00D5\u1ECE\u1ECC\u00F9\u00FA\u0169\u1EE7\u1EE5\u00D9\u00DA\u0168\u1EE6\u1EE4" +
        "\u2019\u02BC\u2018\u0060\u00B4");

    /// <summary>
    /// A cheap sufficient test for NFC that covers nearly every Vietnamese name: every letter below U+0300 (Latin-1 and Latin
    /// Extended-A/B, no combining marks) or in Latin Extended Additional (the precomposed Vietnamese vowels) is already composed.
    /// Anything else goes through the full ICU check.
    /// </summary>
    private static bool IsSurelyComposed(string value)
    {
        foreach (var c in value)
        {
            if (c >= '\u0300' && (c < '\u1E00' || c > '\u1EFF'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether trimming or collapsing whitespace would change the text.</summary>
    private static bool NeedsSpacing(string value)
    {
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]) && (value[i] != ' ' || char.IsWhiteSpace(value[i + 1])))
            {
                return true;
            }
        }

        return false;
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
