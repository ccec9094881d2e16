using DigitalEdu.Domain.Vocabulary;
namespace DigitalEdu.Domain.Model;

/// <summary>
/// One person as one source holds them, in the canonical model. Text fields are display-normalised
/// (NFC, trimmed, inner spaces collapsed); comparison keys are derived with <see cref="Text.VietnameseText.MatchKey"/>.
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

    public required string FullName { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required Gender Gender { get; init; }
    public required string SchoolCode { get; init; }
    public required string Status { get; init; }
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

    public bool IsActive => PersonStatus.IsActive(Status);
}

/// <summary>The national database's check of a record against the population database.</summary>
public sealed record PopulationCheck(string Status, DateTimeOffset? CheckedAt, IReadOnlyList<string> DisputedFields);

/// <summary>What a health exam found; shared by the SMS exam and the national copy of the latest one.</summary>
public sealed record HealthFindings
{
    public required DateOnly ExamDate { get; init; }
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
}

/// <summary>A school as listed by the SMS or the national database.</summary>
public sealed record SchoolRecord(string Code, string Name, string? Level, string? CommuneCode, string ProvinceCode);
