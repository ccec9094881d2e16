namespace DigitalEdu.Sync.Staging;

/// <summary>
/// The planner statistics the stored tables need after a full run replaces them: taken by the apply, which owns those tables,
/// and read by the reconcile, which plans over them.
/// </summary>
public static class StoredStatistics
{
    /// <summary>Statistics from a small sample, for the working tables and the province's freshly replaced ones.</summary>
    public const string Sampled = "SET LOCAL default_statistics_target = 10;";

    /// <summary>
    /// A full run just rewrote pages: without fresh statistics the planner may pick nested loops over the whole province.
    /// Only the columns the reconcile filters and joins on, from a small sample: enough to see how the sources and kinds split,
    /// and how few records hold an unreadable value, an unknown code or a quarantined original (without that, the planner takes
    /// them for all and hashes the province to find them), at a few percent of the cost of a full ANALYZE. Autovacuum later
    /// brings the full statistics back.
    /// </summary>
    public const string Province =
        """
        ANALYZE person_records (source, person_kind, source_key, school_code, moet_code, personal_id_digits, is_active,
                                unreadable, unknown_codes, quarantine_reasons);
        ANALYZE health_exams (student_key, unreadable);
        """;
}
