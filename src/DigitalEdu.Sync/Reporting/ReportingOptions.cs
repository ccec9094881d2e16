using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace DigitalEdu.Sync.Reporting;

/// <summary>The <c>Reports</c> configuration section: the province's reporting calendar.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reports";

    /// <summary>The start-of-year cut-off, day/month ("tính đến 30/9").</summary>
    [Required, DayOfYear]
    public string StartOfYear { get; set; } = "30/09";

    /// <summary>The end-of-year cut-off, day/month.</summary>
    [Required, DayOfYear]
    public string EndOfYear { get; set; } = "31/05";

    /// <summary>Cron (UTC) of the check that freezes a cut-off once its day has ended in Vietnam; "-" switches it off.</summary>
    [Required, CronSchedule]
    public string FreezeSchedule { get; set; } = "30 17 * * *";
}

/// <summary>A day of the year as dd/MM (31/05); 29/02 is refused, since it is not a day every year has.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DayOfYearAttribute : ValidationAttribute
{
    public static bool TryParse(string? text, out int day, out int month)
    {
        day = month = 0;
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "/2025", ["d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
        {
            return false;
        }

        (day, month) = (date.Day, date.Month);
        return true;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || TryParse(value as string, out _, out _)
            ? ValidationResult.Success
            : new ValidationResult(
                $"{ReportingOptions.Section}:{validationContext.MemberName} '{value}' is not a day of the year as day/month, e.g. 30/09.",
                [validationContext.MemberName ?? ""]);
}
