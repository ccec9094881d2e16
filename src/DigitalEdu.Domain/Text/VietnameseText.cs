using System.Buffers;
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

        var lower = ToLower(display);
        if (IsSurelyComposed(lower) && !HasToneToMoveOrApostrophe(lower))
        {
            // Nothing to move and nothing to fold: the lower-case NFC form is the key. Most names take this path.
            return lower;
        }

        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var canonical = NewStyleTone().Replace(decomposed, MoveToneToSecondVowel);
        canonical = Apostrophes().Replace(canonical, "'");
        return canonical.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The lower-case Vietnamese letters with a diacritic, and the plain letter each stands for (đ as d), position by position:
    /// the search key below maps them in C#, and the database maps a stored match key the same way (SQL <c>translate</c>), so
    /// "nguyen van nam" finds "Nguyễn Văn Nam".
    /// </summary>
    public const string AccentedLetters =
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

    /// <summary>The plain letter of each of <see cref="AccentedLetters"/>, in the same order.</summary>
    public const string PlainLetters =
        "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";

    /// <summary>
    /// A name as a search matches it: its match key without diacritics (<see cref="AccentedLetters"/>). Typed with or without
    /// the marks, a name gives the same key; null for null or blank.
    /// </summary>
    public static string? SearchKey(string? value)
    {
        var key = MatchKey(value);
        if (key is null || !key.AsSpan().ContainsAny(Accented))
        {
            return key;
        }

        return string.Create(key.Length, key, static (plain, key) =>
        {
            for (var i = 0; i < key.Length; i++)
            {
                var at = AccentedLetters.IndexOf(key[i], StringComparison.Ordinal);
                plain[i] = at < 0 ? key[i] : PlainLetters[at];
            }
        });
    }

    private static readonly SearchValues<char> Accented = SearchValues.Create(AccentedLetters);

    // The culture's lower case of every character below U+0300 and in the Vietnamese block U+1E00–U+1EFF, taken once
    // from ICU so a name written in them is lowered by lookup: the same result without a call into ICU per name.
    private static readonly string LowerBelowCombiningMarks = LowerCaseOf('\u0000', '\u02FF');
    private static readonly string LowerVietnameseBlock = LowerCaseOf('\u1E00', '\u1EFF');

    /// <summary>The text lower-cased as <c>ToLower(vi-VN)</c> does it (which, unlike the invariant culture, maps İ to i).</summary>
    private static string ToLower(string text)
    {
        if (!IsSurelyComposed(text))
        {
            return text.ToLower(Vietnamese);
        }

        return string.Create(text.Length, text, static (lower, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                lower[i] = c < '\u0300' ? LowerBelowCombiningMarks[c] : LowerVietnameseBlock[c - '\u1E00'];
            }
        });
    }

    private static string LowerCaseOf(char first, char last) =>
        string.Create(last - first + 1, first, static (chars, first) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(first + i);
            }
        }).ToLower(Vietnamese);

    /// <summary>
    /// Whether the slow path of <see cref="MatchKey"/> would change the lower-case NFC text: an apostrophe to fold, a plain o
    /// carrying a tone before a or e, or a plain u carrying a tone before y (the only places the tone rule moves a mark
    /// from). Anything else comes back from it unchanged.
    /// </summary>
    private static bool HasToneToMoveOrApostrophe(ReadOnlySpan<char> lower)
    {
        int i;
        while ((i = lower.IndexOfAny(TonedOOrUOrApostrophe)) >= 0)
        {
            var next = i + 1 < lower.Length ? lower[i + 1] : '\0';
            switch (lower[i])
            {
                case '\u2019' or '\u02BC' or '\u2018' or '\u0060' or '\u00B4':
                case '\u00F2' or '\u00F3' or '\u00F5' or '\u1ECF' or '\u1ECD' when next is 'a' or 'e':
                case '\u00F9' or '\u00FA' or '\u0169' or '\u1EE7' or '\u1EE5' when next == 'y':
                    return true;
            }

            lower = lower[(i + 1)..];
        }

        return false;
    }

    private static readonly SearchValues<char> TonedOOrUOrApostrophe =
        SearchValues.Create("\u2019\u02BC\u2018\u0060\u00B4\u00F2\u00F3\u00F5\u1ECF\u1ECD\u00F9\u00FA\u0169\u1EE7\u1EE5");

    /// <summary>
    /// A cheap sufficient test for NFC that covers nearly every Vietnamese name: every letter below U+0300 (Latin-1 and Latin
    /// Extended-A/B, no combining marks) or in Latin Extended Additional (the precomposed Vietnamese vowels) is already composed.
    /// Anything else goes through the full ICU check.
    /// </summary>
    private static bool IsSurelyComposed(ReadOnlySpan<char> value) =>
        !value.ContainsAnyInRange('\u0300', '\u1DFF') && !value.ContainsAnyInRange('\u1F00', '\uFFFF');

    /// <summary>Whether trimming or collapsing whitespace would change the text.</summary>
    private static bool NeedsSpacing(string value)
    {
        if (IsWhiteSpace(value[0]) || IsWhiteSpace(value[^1]))
        {
            return true;
        }

        var afterSpace = false;
        foreach (var c in value)
        {
            // Printable ASCII other than the space is most of any name.
            if (c is > ' ' and < '\u007F')
            {
                afterSpace = false;
            }
            else if (c == ' ')
            {
                if (afterSpace)
                {
                    return true;
                }

                afterSpace = true;
            }
            else if (IsWhiteSpace(c))
            {
                return true;
            }
            else
            {
                afterSpace = false;
            }
        }

        return false;
    }

    // char.IsWhiteSpace below U+2000 from a table it filled: for the Vietnamese vowels (U+1EA0–U+1EF9) it would look each
    // one up in the Unicode tables.
    private static readonly bool[] WhiteSpaceBelowU2000 = [.. Enumerable.Range(0, 0x2000).Select(c => char.IsWhiteSpace((char)c))];

    private static bool IsWhiteSpace(char c) => c < '\u2000' ? WhiteSpaceBelowU2000[c] : char.IsWhiteSpace(c);

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
