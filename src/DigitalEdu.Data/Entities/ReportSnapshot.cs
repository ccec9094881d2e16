namespace DigitalEdu.Data.Entities;

/// <summary>
/// The figures of every school as they stood at a reporting cut-off, frozen: never updated or deleted (the service's role may
/// only insert and read these tables, and a trigger refuses changes to anyone else). Frozen automatically from the last run
/// before each cut-off of the calendar, or on an officer's demand from the latest figures.
/// </summary>
public sealed class ReportSnapshot
{
    public Guid Id { get; set; }

    /// <summary>The day the figures are "tính đến" (as of).</summary>
    public DateOnly CutOff { get; set; }

    /// <summary><c>start_of_year</c>, <c>end_of_year</c> or <c>on_demand</c>.</summary>
    public required string Period { get; set; }

    /// <summary>The school year the cut-off belongs to, as its first calendar year (2026 for 2026–2027).</summary>
    public int SchoolYear { get; set; }

    public DateTimeOffset FrozenAt { get; set; }

    /// <summary>Who froze it: a user's name, or <c>system</c> for the calendar's automatic freeze.</summary>
    public required string FrozenBy { get; set; }

    /// <summary>The latest run whose figures the snapshot holds.</summary>
    public Guid? LatestRunId { get; set; }

    /// <summary>The province's schools, persons and open items in the snapshot, counted when it was frozen.</summary>
    public int Schools { get; set; }

    public int Persons { get; set; }

    public int OpenItems { get; set; }
}

/// <summary>One school, level and person kind in a <see cref="ReportSnapshot"/>, with the names and commune it had then.</summary>
public sealed class ReportSnapshotFigure
{
    public Guid SnapshotId { get; set; }
    public required string SchoolCode { get; set; }
    public required string SchoolName { get; set; }
    public string? SchoolLevel { get; set; }
    public required string CommuneCode { get; set; }
    public string? CommuneName { get; set; }
    public required string Level { get; set; }
    public required string PersonKind { get; set; }
    public int Persons { get; set; }
    public int WithPersonalId { get; set; }
    public int Complete { get; set; }
    public int Verified { get; set; }
    public int HealthSynced { get; set; }
}

/// <summary>One open item behind a <see cref="ReportSnapshot"/>'s figures, as it was when frozen.</summary>
public sealed class ReportSnapshotItem
{
    public Guid SnapshotId { get; set; }
    public long MismatchId { get; set; }
    public required string SchoolCode { get; set; }
    public required string Kind { get; set; }
    public required string PersonKind { get; set; }
}

/// <summary>
/// A pupil on the SMS roll when an end-of-year cut-off was frozen: what the next school year's list of pupils expected back
/// is made from. Only the latest end of year's roll is kept (the next one replaces it); unlike the snapshot, it holds
/// personal data, so it is not frozen.
/// </summary>
public sealed class YearEndRosterEntry
{
    public Guid SnapshotId { get; set; }
    public required string SourceKey { get; set; }
    public required string SchoolCode { get; set; }
    public string? MoetCode { get; set; }
    public string? PersonalIdDigits { get; set; }
    public string? FullName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public int? Grade { get; set; }
    public string? ClassName { get; set; }
}
