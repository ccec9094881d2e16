namespace DigitalEdu.Data.Entities;

/// <summary>
/// The latest record of one person from one source, flattened for set-based reconcile. Written by binary COPY
/// (see <see cref="PageWriter"/>), read by SQL; EF Core only owns its schema.
/// </summary>
public sealed class StoredPerson
{
    public required string Source { get; set; }
    public required string PersonKind { get; set; }
    public required string SourceKey { get; set; }
    public required string SchoolCode { get; set; }
    public string? MoetCode { get; set; }
    public string? PersonalIdRaw { get; set; }
    public bool IdPresent { get; set; }

    /// <summary>The cleaned ID when it is 12 digits (usable for matching even with a plausibility defect).</summary>
    public string? PersonalIdDigits { get; set; }

    /// <summary>The first defect of a present ID (an <c>id_invalid</c> detail), null when valid or missing.</summary>
    public string? IdDefect { get; set; }

    public string? FullName { get; set; }
    public string? FullNameKey { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? EthnicityCode { get; set; }
    public string? FatherName { get; set; }
    public string? FatherNameKey { get; set; }
    public string? MotherName { get; set; }
    public string? MotherNameKey { get; set; }
    public int? Grade { get; set; }
    public string? ClassName { get; set; }
    public string? Position { get; set; }
    public string? Status { get; set; }
    public bool IsActive { get; set; }
    public string? PopulationStatus { get; set; }
    public DateTimeOffset? PopulationCheckedAt { get; set; }
    public string[]? DisputedFields { get; set; }
    public DateOnly? HealthExamDate { get; set; }
    public string? Health { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid LastRunId { get; set; }
    public DateTimeOffset StoredAt { get; set; }

    /// <summary>Fields whose value could not be right, as a JSON object: canonical field name → the value as received.</summary>
    public string? Unreadable { get; set; }

    /// <summary>Code-list fields with a code DigitalEdu's list lacks, as a JSON object: canonical field name → the code.</summary>
    public string? UnknownCodes { get; set; }

    /// <summary>The fields the reconcile does not compare or judge (unreadable, or an unknown code of a list the sources do not share).</summary>
    public string[]? Uncompared { get; set; }

    /// <summary>Set only on the placeholder of an attributable quarantined record: why the record was quarantined.</summary>
    public string[]? QuarantineReasons { get; set; }
}
