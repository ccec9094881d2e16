using Microsoft.Extensions.Options;

namespace DigitalEdu.Sync.Reporting;

/// <summary>The periods a snapshot is frozen for.</summary>
public static class ReportPeriods
{
    public const string StartOfYear = "start_of_year";
    public const string EndOfYear = "end_of_year";
    public const string OnDemand = "on_demand";

    public static readonly IReadOnlyList<string> All = [StartOfYear, EndOfYear, OnDemand];
}

/// <summary>A cut-off of the calendar: the day its figures are "tính đến", and its period.</summary>
public sealed record CutOff(DateOnly Day, string Period, int SchoolYear)
{
    /// <summary>The end of the cut-off day in Vietnam: the figures of the runs before it are the cut-off's.</summary>
    public DateTimeOffset Ends => new(Day.AddDays(1).ToDateTime(TimeOnly.MinValue), ReportingCalendar.VietnamOffset);
}

/// <summary>
/// The province's reporting calendar: a school year runs from August to July, with its start-of-year cut-off in the autumn and
/// its end-of-year one before the summer (<see cref="ReportingOptions"/>).
/// </summary>
public sealed class ReportingCalendar(IOptions<ReportingOptions> options)
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The month a school year starts in: grades turn over in August and September.</summary>
    public const int FirstMonth = 8;

    public static int SchoolYearOf(DateOnly day) => day.Month >= FirstMonth ? day.Year : day.Year - 1;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamOffset).DateTime);

    /// <summary>The two cut-offs of the school year that starts in <paramref name="schoolYear"/>.</summary>
    public IReadOnlyList<CutOff> CutOffsOf(int schoolYear) =>
    [
        new(DayIn(schoolYear, options.Value.StartOfYear), ReportPeriods.StartOfYear, schoolYear),
        new(DayIn(schoolYear, options.Value.EndOfYear), ReportPeriods.EndOfYear, schoolYear),
    ];

    /// <summary>The cut-offs whose day has ended by <paramref name="now"/>, of this school year and the one before, latest first.</summary>
    public IReadOnlyList<CutOff> PassedBy(DateTimeOffset now)
    {
        var year = SchoolYearOf(DateOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime));
        return [.. CutOffsOf(year).Concat(CutOffsOf(year - 1)).Where(c => c.Ends <= now).OrderByDescending(c => c.Day)];
    }

    /// <summary>The cut-off a day is reported as: a calendar cut-off falling on it, or an on-demand one.</summary>
    public CutOff For(DateOnly day) =>
        CutOffsOf(SchoolYearOf(day)).FirstOrDefault(c => c.Day == day) ?? new CutOff(day, ReportPeriods.OnDemand, SchoolYearOf(day));

    /// <summary>A dd/MM day in the school year starting <paramref name="schoolYear"/>: August to December in it, the rest in the next.</summary>
    private static DateOnly DayIn(int schoolYear, string dayOfYear)
    {
        DayOfYearAttribute.TryParse(dayOfYear, out var day, out var month);
        return new DateOnly(month >= FirstMonth ? schoolYear : schoolYear + 1, month, day);
    }
}
