namespace DigitalEdu.Simulators.Data;

internal enum PersonKind
{
    Student,
    Staff,
}

internal enum Gender
{
    Male,
    Female,
}

/// <summary>
/// One person as one source holds them. Generation makes the true version, planting derives each source's version with
/// <c>with</c>, and the wire mappers turn a version into that source's JSON. Student-only and staff-only fields are null for the other kind.
/// </summary>
internal sealed record Person
{
    public required PersonKind Kind { get; init; }

    /// <summary>The SMS key: studentId or staffId.</summary>
    public required string SmsKey { get; init; }

    public required string? MoetCode { get; init; }

    /// <summary>The personal ID as this source holds it (possibly null or defective when planted so).</summary>
    public required string? PersonalId { get; init; }

    public required string FullName { get; init; }

    public required DateOnly DateOfBirth { get; init; }

    public required Gender Gender { get; init; }

    public required School School { get; init; }

    /// <summary>Canonical status: studying, transferred_out, dropped_out, graduated (students); working, left (staff).</summary>
    public required string Status { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public string? EthnicityCode { get; init; }

    public string? FatherName { get; init; }

    public string? MotherName { get; init; }

    public int Grade { get; init; }

    public string? ClassName { get; init; }

    /// <summary>teacher, manager or staff.</summary>
    public string? Position { get; init; }

    /// <summary>The SMS's exams, oldest first; empty for staff and for pupils never examined.</summary>
    public IReadOnlyList<HealthExam> Exams { get; init; } = [];

    /// <summary>The exam the national database holds (SUC_KHOE), or null.</summary>
    public HealthExam? NationalExam { get; init; }

    public Verification Verification { get; init; } = Verification.Verified;

    public bool IsActive => Status is "studying" or "working";
}

internal sealed record HealthExam(
    string ExamId,
    DateOnly ExamDate,
    double HeightCm,
    double WeightKg,
    double Bmi,
    string BloodGroup,
    string? EyeCondition,
    string? CongenitalCondition,
    string? SpineCondition,
    bool CanSwim,
    DateTime UpdatedAt);

/// <summary>The national population-database check of a record (XAC_THUC_DAN_CU).</summary>
internal sealed record Verification(string Status, DateTime CheckedAt, IReadOnlyList<string> WrongFields)
{
    public static readonly Verification Verified = new("DA_XAC_THUC", new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), []);
}
