using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Playwright;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// What every page a clerk sees must satisfy, checked in the browser: the stylesheet applied (a computed style, not the file's
/// presence), no element wider than the screen, and no raw code or English word where a Vietnamese one belongs.
/// </summary>
public static partial class PageChecks
{
    /// <summary>The brand colour of the header (site.css, --brand) as the browser computes it.</summary>
    public const string BrandColour = "rgb(11, 92, 171)";

    /// <summary>
    /// Codes a page must never show as they are: the mismatch kinds and statuses, the details, the canonical field names, the
    /// person statuses and positions of every code list, genders, person kinds, sources, run and event codes. Matched as whole
    /// words, case-sensitively ("sms" is a code, "SMS" the system's Vietnamese name).
    /// </summary>
    public static readonly IReadOnlySet<string> RawCodes = new HashSet<string>(
    (string[])[
        .. MismatchKinds.All, .. MismatchStatus.All,
        .. Enum.GetValues<PersonalIdDefect>().Select(d => d.ToDetail()),
        MismatchDetails.Missing, MismatchDetails.Outdated,
        .. WireNames.Sources, .. WireNames.PersonKinds, WireNames.Male, WireNames.Female,
        .. Fields.All, .. Fields.All.Select(f => f[(f.LastIndexOf('.') + 1)..]),
        .. CodeLists.PopulationStatus.Entries.Select(e => e.Code),
        .. CodeLists.SmsStudentStatus.Entries.Select(e => e.Code), .. CodeLists.SmsStaffStatus.Entries.Select(e => e.Code),
        .. CodeLists.MoetStudentStatus.Entries.Select(e => e.Code), .. CodeLists.MoetStaffStatus.Entries.Select(e => e.Code),
        .. CodeLists.SmsPosition.Entries.Select(e => e.Code), .. CodeLists.MoetPosition.Entries.Select(e => e.Code),
        SyncRunStatus.Queued, SyncRunStatus.Running, SyncRunStatus.Succeeded, SyncRunStatus.PartiallyFailed, SyncRunStatus.Failed,
        MismatchEvents.System, MismatchEvents.Found, MismatchEvents.FoundAgain, MismatchEvents.NotFound,
        "school", "officer", "operator",
    ], StringComparer.Ordinal);

    /// <summary>English words that have no place on a Vietnamese page, matched as whole words in any case.</summary>
    public static readonly IReadOnlyList<string> EnglishWords =
    [
        "male", "female", "student", "staff", "teacher", "open", "resolved", "dismissed", "pending", "studying", "working", "transferred",
        "graduated", "unknown", "error", "not found", "bad request", "forbidden", "unauthorized", "internal server", "null", "undefined",
        "true", "false", "NaN", "missing", "outdated", "invalid", "duplicate", "verified", "status", "school", "national", "provincial",
    ];

    public static async Task AssertStyledAsync(IPage page)
    {
        var header = await page.EvalOnSelectorAsync<string>("header.top", "e => getComputedStyle(e).backgroundColor");
        var font = await page.EvalOnSelectorAsync<string>("body", "e => getComputedStyle(e).fontFamily");
        Assert.True(header == BrandColour, $"{page.Url}: the header is {header}, not the stylesheet's {BrandColour}: site.css did not apply.");
        Assert.DoesNotContain("Times", font, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>No horizontal scroll, and no visible element reaching past the right edge of the viewport.</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<string[]>(
            """
            () => {
              const width = document.documentElement.clientWidth;
              const found = [];
              if (document.documentElement.scrollWidth > width) found.push(`page scrolls to ${document.documentElement.scrollWidth} px`);
              for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
                if (r.right > width + 1 || r.left < -1 || r.width > width + 1) {
                  found.push(`${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} `
                    + `[${Math.round(r.left)}..${Math.round(r.right)}] "${(e.innerText || '').slice(0, 40)}"`);
                }
                if (found.length > 10) break;
              }
              return found;
            }
            """);
        Assert.True(overflow.Length == 0, $"{page.Url} at {page.ViewportSize?.Width} px: wider than the screen: {string.Join("; ", overflow)}");
    }

    /// <summary>Every text a user reads on the page, with what inputs, buttons and images say.</summary>
    public static Task<string> ReadableTextAsync(IPage page) =>
        page.EvaluateAsync<string>(
            """
            () => [document.title, document.body.innerText,
                   ...[...document.querySelectorAll('[placeholder],[title],[aria-label],[alt]')]
                       .flatMap(e => ['placeholder', 'title', 'aria-label', 'alt'].map(a => e.getAttribute(a)).filter(Boolean)),
                   ...[...document.querySelectorAll('option')].map(o => o.textContent),
                   ...[...document.querySelectorAll('input[type=submit],input[type=button]')].map(i => i.value)].join('\n')
            """);

    /// <summary>The page's text holds no raw code, no English word and no ISO date.</summary>
    public static async Task AssertVietnameseAsync(IPage page)
    {
        var problems = RawWordsIn(await ReadableTextAsync(page));
        Assert.True(problems.Count == 0, $"{page.Url}: raw codes or English words on the page: {string.Join(", ", problems)}");
    }

    public static IReadOnlyList<string> RawWordsIn(string text)
    {
        var problems = new List<string>();
        foreach (Match word in Word().Matches(text))
        {
            if (RawCodes.Contains(word.Value))
            {
                problems.Add($"«{word.Value}» in «{Around(text, word.Index, word.Length)}»");
            }
        }

        foreach (var english in EnglishWords)
        {
            if (Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(english)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
                is { Success: true } found)
            {
                problems.Add($"«{english}» in «{Around(text, found.Index, found.Length)}»");
            }
        }

        problems.AddRange(IsoDate().Matches(text).Select(m => $"«{m.Value}» (ISO date) in «{Around(text, m.Index, m.Length)}»"));
        return problems.Distinct().ToList();
    }

    private static string Around(string text, int index, int length)
    {
        var from = Math.Max(0, index - 40);
        return text[from..Math.Min(text.Length, index + length + 40)].ReplaceLineEndings(" ");
    }

    /// <summary>A name as a clerk types it on a phone without Vietnamese input: no diacritics, đ as d, lower case.</summary>
    public static string WithoutDiacritics(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return plain.ToString().ToLowerInvariant();
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
