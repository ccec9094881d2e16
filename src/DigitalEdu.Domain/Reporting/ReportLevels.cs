using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Domain.Reporting;

/// <summary>
/// The levels the provincial reports count by. A pupil counts at the level of their grade (a combined TH&amp;THCS or THCS&amp;THPT
/// school is split by it), a pupil of a GDTX centre at GDTX whatever the grade; staff count at their school's level, a combined
/// school's staff under the combined level, since no source says which level a teacher teaches.
/// </summary>
public static class ReportLevels
{
    public const string Preschool = "MN";
    public const string Primary = "TH";
    public const string LowerSecondary = "THCS";
    public const string UpperSecondary = "THPT";
    public const string ContinuingEducation = "GDTX";
    public const string PrimaryAndLowerSecondary = "TH_THCS";
    public const string LowerAndUpperSecondary = "THCS_THPT";

    private static readonly string[] Order =
        [Preschool, Primary, LowerSecondary, UpperSecondary, ContinuingEducation, PrimaryAndLowerSecondary, LowerAndUpperSecondary];

    /// <summary>The order the reports list levels in; a level outside it (a code no list knows yet) comes after, as sent.</summary>
    public static readonly IReadOnlyList<string> InReportOrder = Order;

    /// <summary>The level a person counts at; <see cref="Unknown"/> when neither the grade nor the school says.</summary>
    public static string Of(string personKind, string? schoolLevel, int? grade)
    {
        if (personKind == WireNames.Student && schoolLevel != ContinuingEducation && grade is { } g)
        {
            return g switch
            {
                0 => Preschool,
                >= 1 and <= 5 => Primary,
                >= 6 and <= 9 => LowerSecondary,
                >= 10 and <= 12 => UpperSecondary,
                _ => schoolLevel ?? Unknown,
            };
        }

        return schoolLevel ?? Unknown;
    }

    /// <summary>The level of a school whose listing gives none.</summary>
    public const string Unknown = "";

    /// <summary>
    /// <see cref="Of"/> in SQL, over a stored person aliased <paramref name="person"/> and its school aliased <paramref name="school"/>.
    /// A test holds the two to the same answers.
    /// </summary>
    public static string Sql(string person, string school) =>
        $"""
        CASE WHEN {person}.person_kind = '{WireNames.Student}' AND {school}.level IS DISTINCT FROM '{ContinuingEducation}' AND {person}.grade IS NOT NULL
              THEN CASE WHEN {person}.grade = 0 THEN '{Preschool}'
                        WHEN {person}.grade BETWEEN 1 AND 5 THEN '{Primary}'
                        WHEN {person}.grade BETWEEN 6 AND 9 THEN '{LowerSecondary}'
                        WHEN {person}.grade BETWEEN 10 AND 12 THEN '{UpperSecondary}'
                        ELSE COALESCE({school}.level, '{Unknown}') END
              ELSE COALESCE({school}.level, '{Unknown}') END
        """;

    /// <summary>Sorts levels as the reports list them.</summary>
    public static int Rank(string level)
    {
        var index = Array.IndexOf(Order, level);
        return index < 0 ? Order.Length : index;
    }
}
