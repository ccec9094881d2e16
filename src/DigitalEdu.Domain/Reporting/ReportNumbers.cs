using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalEdu.Domain.Reporting;

/// <summary>
/// Numbers as the provincial reports write them: a dot between thousands (391.317) and a percentage with a comma and two
/// decimals (97,70%), rounded half away from zero. The checker of hand-typed reports reads them back, and the way a typist
/// wrote them (1,404 or 1404, 2,7% or 2.7 %).
/// </summary>
public static partial class ReportNumbers
{
    /// <summary>The decimals the reports give a percentage.</summary>
    public const int PercentDecimals = 2;

    public static string Count(long value) => value.ToString("#,0", Format);

    /// <summary>"97,70%"; empty when there is no total to take a share of.</summary>
    public static string Percent(long part, long total) => total == 0 ? "" : Percent(Share(part, total, PercentDecimals));

    public static string Percent(decimal percent) => percent.ToString("0.00", Format) + "%";

    /// <summary>"382.309/391.317 (97,70%)".</summary>
    public static string PartOf(long part, long total) =>
        total == 0 ? $"{Count(part)}/{Count(total)}" : $"{Count(part)}/{Count(total)} ({Percent(part, total)})";

    /// <summary>The part's share of the total in percent, rounded as the reports round it.</summary>
    public static decimal Share(long part, long total, int decimals) =>
        total == 0 ? 0 : Math.Round(part * 100m / total, decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A count as typed: digits with dots, commas or spaces between thousands. Null for anything else ("Trên 40",
    /// "Chưa tách rõ", a fraction).
    /// </summary>
    public static long? ParseCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !TypedCount().IsMatch(text.Trim()))
        {
            return null;
        }

        var digits = string.Concat(text.Where(char.IsAsciiDigit));
        return digits.Length <= 15 ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// A percentage as typed ("97,70%", "97.7 %", "2,7"), with the decimals it was written to; a fraction of one
    /// (0.977, as a spreadsheet stores a cell formatted as a percentage) when <paramref name="isFraction"/>.
    /// </summary>
    public static (decimal Value, int Decimals)? ParsePercent(string? text, bool isFraction = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (trimmed.Length == 0 || trimmed.Count(c => c == '.') > 1 || !trimmed.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return null;
        }

        var value = decimal.Parse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var point = trimmed.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : trimmed.Length - point - 1;
        return isFraction ? (value * 100, Math.Max(0, decimals - 2)) : (value, decimals);
    }

    /// <summary>Plain digits, or groups of three after a dot, comma or space (one kind of separator throughout).</summary>
    [GeneratedRegex(@"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d{1,3}([ \u00A0]\d{3})+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TypedCount();

    private static readonly NumberFormatInfo Format = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
    };
}
