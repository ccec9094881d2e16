namespace DigitalEdu.Domain.Reporting;

/// <summary>What the checker of a hand-typed report can find wrong with a cell (the API's <c>kind</c>).</summary>
public static class ReportProblemKinds
{
    /// <summary>Words or a fraction where a count belongs ("Trên 40", "Chưa tách rõ").</summary>
    public const string NotANumber = "not_a_number";

    /// <summary>A part larger than its whole (more learners with an ID than learners).</summary>
    public const string PartExceedsTotal = "part_exceeds_total";

    /// <summary>Verified and not verified do not add up to the row's total.</summary>
    public const string RowSum = "row_sum";

    /// <summary>The total row is not the sum of the rows above it.</summary>
    public const string TotalRow = "total_row";

    /// <summary>A percentage that is not its numerator over its denominator at the rounding it was written to.</summary>
    public const string Percentage = "percentage";

    /// <summary>A unit, level and person kind that appears twice.</summary>
    public const string DuplicateUnit = "duplicate_unit";

    /// <summary>A figure that differs from the system's snapshot for that unit and cut-off.</summary>
    public const string DiffersFromSystem = "differs_from_system";

    /// <summary>A unit, level or person kind the snapshot does not have (or the caller may not see).</summary>
    public const string UnknownUnit = "unknown_unit";

    public static readonly IReadOnlyList<string> All =
        [NotANumber, PartExceedsTotal, RowSum, TotalRow, Percentage, DuplicateUnit, DiffersFromSystem, UnknownUnit];
}
