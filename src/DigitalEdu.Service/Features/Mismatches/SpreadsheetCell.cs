namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Keeps exported text from being read as a formula when opened in a spreadsheet (CSV/formula injection): a value that
/// starts with = + - @ or a tab or carriage return gets a leading apostrophe.
/// </summary>
public static class SpreadsheetCell
{
    public static string? Neutralise(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value : "'" + value;
}
