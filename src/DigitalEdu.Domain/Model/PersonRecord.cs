using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Domain.Model;

/// <summary>
/// One person as one source holds them, in the canonical model. Text fields are display-normalised
/// (NFC, trimmed, inner spaces collapsed); comparison keys are derived with <see cref="Text.VietnameseText.MatchKey"/>.
/// A field whose value could not be right is null here and listed in <see cref="Unreadable"/> with the value as received;
/// a code-list field with a code DigitalEdu does not know holds that code as sent and is listed in <see cref="UnknownCodes"/>.
/// </summary>
public sealed record PersonRecord
{
    public required Source Source { get; init; }
    public required PersonKind Kind { get; init; }

    /// <summary>The source's own key: SMS studentId/staffId, provincial maHocSinh/maCanBo, national HOC_SINH_ID/GIAO_VIEN_ID.</summary>
    public required string SourceKey { get; init; }

    /// <summary>MOET person code (10 digits) when known; null for new entrants with a temporary code.</summary>
    public string? MoetCode { get; init; }

    /// <summary>The personal ID exactly as received (may be null, short, or contain spaces and letters).</summary>
    public string? PersonalIdRaw { get; init; }

    public string? FullName { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public Gender? Gender { get; init; }

    /// <summary>The record's school; the listing's school when the record's own could not be read.</summary>
    public required string SchoolCode { get; init; }

    /// <summary>The canonical status, or the code as sent when the list lacks it; null when unreadable.</summary>
    public string? Status { get; init; }

    /// <summary>When the source last changed the record; <see cref="DateTimeOffset.MinValue"/> when unreadable, so it counts as oldest.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    // Students only.
    public string? EthnicityCode { get; init; }
    public string? FatherName { get; init; }
    public string? MotherName { get; init; }
    public int? Grade { get; init; }
    public string? ClassName { get; init; }

    // Staff only.
    public string? Position { get; init; }

    // National only.
    public PopulationCheck? PopulationCheck { get; init; }
    public HealthFindings? NationalHealth { get; init; }

    /// <summary>Fields whose value could not be right, by canonical name (<see cref="Fields"/>), with the value as received.</summary>
    public IReadOnlyDictionary<string, string>? Unreadable { get; init; }

    /// <summary>Code-list fields holding a well-formed code DigitalEdu's list lacks, by canonical name, with the code.</summary>
    public IReadOnlyDictionary<string, string>? UnknownCodes { get; init; }

    /// <summary>
    /// For a placeholder of an attributable quarantined record, why the record was quarantined; null for every read record.
    /// A placeholder carries only its source, kind, MOET code, personal ID and school (see the reconcile rules).
    /// </summary>
    public IReadOnlyList<string>? QuarantineReasons { get; init; }

    public bool IsPlaceholder => QuarantineReasons is not null;

    /// <summary>Active only with a known active status: an unknown or unreadable status is present but not active.</summary>
    public bool IsActive => PersonStatus.IsActive(Status) && UnknownCodes?.ContainsKey(Fields.Status) != true;

    /// <summary>
    /// The fields the reconcile must not compare or judge: every unreadable field, and every unknown code but the ethnicity,
    /// which all three sources take from the same list and is compared as text.
    /// </summary>
    public IReadOnlyList<string>? Uncompared()
    {
        if (Unreadable is null && UnknownCodes is null)
        {
            return null;
        }

        var fields = new List<string>();
        if (Unreadable is not null)
        {
            fields.AddRange(Unreadable.Keys);
        }

        if (UnknownCodes is not null)
        {
            fields.AddRange(UnknownCodes.Keys.Where(f => f != Fields.EthnicityCode));
        }

        return fields.Count == 0 ? null : fields;
    }
}

/// <summary>The national database's check of a record against the population database.</summary>
public sealed record PopulationCheck(string? Status, DateTimeOffset? CheckedAt, IReadOnlyList<string> DisputedFields);

/// <summary>What a health exam found; shared by the SMS exam and the national copy of the latest one.</summary>
public sealed record HealthFindings
{
    /// <summary>When the exam took place; null when the date could not be read (then the exam is not compared).</summary>
    public DateOnly? ExamDate { get; init; }
    public decimal? HeightCm { get; init; }
    public decimal? WeightKg { get; init; }
    public decimal? Bmi { get; init; }
    public string? BloodGroup { get; init; }
    public string? EyeCondition { get; init; }
    public string? CongenitalCondition { get; init; }
    public string? SpineCondition { get; init; }
    public bool? CanSwim { get; init; }
}

/// <summary>A health exam as the SMS holds it (the SMS is the only source of exams).</summary>
public sealed record HealthExamRecord
{
    public required string ExamId { get; init; }
    public required string StudentKey { get; init; }
    public required string SchoolCode { get; init; }
    public required HealthFindings Findings { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Findings whose value could not be right, by canonical name (<c>healthExam.heightCm</c>), with the value as received.</summary>
    public IReadOnlyDictionary<string, string>? Unreadable { get; init; }
}

/// <summary>A school as listed by the SMS or the national database. <paramref name="Level"/> is kept as sent.</summary>
public sealed record SchoolRecord(string Code, string Name, string? Level, string? CommuneCode, string ProvinceCode, string? CommuneName = null);
