using System.Globalization;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Keeps exported text from being read as a formula when opened in a spreadsheet (CSV/formula injection, OWASP): a value whose
/// first character that is not a space, a line break or a separator is = + - @ (or their full-width forms), or that starts
/// with a tab, carriage return or line feed, gets a leading apostrophe. Spreadsheet programs skip leading blanks and
/// separators before they look for a formula, so checking only the first character is not enough.
/// </summary>
public static class SpreadsheetCell
{
    public static string? Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (value[0] is '\t' or '\r' or '\n')
        {
            return "'" + value;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is ';' or ',' or '|')
            {
                continue;
            }

            return c is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠' ? "'" + value : value;
        }

        return value;
    }

    /// <summary>A cell as a spreadsheet reader hands it back, as text: trimmed, numbers in invariant form (0.977, 391317).</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => cell.ToString()?.Trim() ?? "",
    };
}
