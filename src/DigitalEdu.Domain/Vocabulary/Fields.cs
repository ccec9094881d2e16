namespace DigitalEdu.Domain.Vocabulary;

/// <summary>
/// The canonical field names: in items (<c>field</c>, and the detail of <c>field_mismatch</c> and <c>unreadable_value</c>),
/// in the stored records' unreadable values and unknown codes, and in the code-list drift. Nested values are dotted.
/// </summary>
public static class Fields
{
    public const string SourceKey = "sourceKey";
    public const string MoetCode = "moetCode";
    public const string PersonalId = "personalId";
    public const string FullName = "fullName";
    public const string DateOfBirth = "dateOfBirth";
    public const string Gender = "gender";
    public const string EthnicityCode = "ethnicityCode";
    public const string FatherName = "fatherName";
    public const string MotherName = "motherName";
    public const string SchoolCode = "schoolCode";
    public const string Grade = "grade";
    public const string ClassName = "className";
    public const string Status = "status";
    public const string Position = "position";
    public const string UpdatedAt = "updatedAt";

    public const string PopulationCheck = "populationCheck";
    public const string PopulationStatus = "populationCheck.status";
    public const string PopulationCheckedAt = "populationCheck.checkedAt";
    public const string DisputedFields = "populationCheck.disputedFields";

    /// <summary>The national copy of the latest exam (SUC_KHOE); its members are <see cref="NationalHealth"/> + "." + a finding.</summary>
    public const string NationalHealth = "nationalHealth";

    /// <summary>An SMS health exam; its members are <see cref="HealthExam"/> + "." + a finding.</summary>
    public const string HealthExam = "healthExam";

    public const string ExamId = "examId";
    public const string StudentKey = "studentKey";

    // What a health exam found, under either prefix.
    public const string ExamDate = "examDate";
    public const string HeightCm = "heightCm";
    public const string WeightKg = "weightKg";
    public const string Bmi = "bmi";
    public const string BloodGroup = "bloodGroup";
    public const string EyeCondition = "eyeCondition";
    public const string CongenitalCondition = "congenitalCondition";
    public const string SpineCondition = "spineCondition";
    public const string CanSwim = "canSwim";

    public const string NationalExamDate = NationalHealth + "." + ExamDate;
    public const string SmsExamDate = HealthExam + "." + ExamDate;

    /// <summary>A school's level in the school listings.</summary>
    public const string Level = "level";

    /// <summary>The fields compared between an SMS record and its national partner (<c>field_mismatch</c>), in the order items list them.</summary>
    public static readonly IReadOnlyList<string> Compared =
    [
        FullName, DateOfBirth, Gender, SchoolCode, Status, PersonalId, FatherName, MotherName, EthnicityCode, Grade, ClassName,
    ];

    public static readonly IReadOnlyList<string> Findings =
        [ExamDate, HeightCm, WeightKg, Bmi, BloodGroup, EyeCondition, CongenitalCondition, SpineCondition, CanSwim];

    /// <summary>Every canonical field name a record can report as unreadable or as holding an unknown code.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SourceKey, MoetCode, PersonalId, FullName, DateOfBirth, Gender, EthnicityCode, FatherName, MotherName, SchoolCode, Grade,
        ClassName, Status, Position, UpdatedAt, PopulationCheck, PopulationStatus, PopulationCheckedAt, DisputedFields,
        NationalHealth, .. Findings.Select(f => NationalHealth + "." + f), HealthExam, ExamId, StudentKey,
        .. Findings.Select(f => HealthExam + "." + f), HealthExam + "." + UpdatedAt, Level,
    ];
}
