using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;

namespace DigitalEdu.Tests.Connectors;

/// <summary>
/// The record validators on their own: every rule, the canonical field name it reports under (<see cref="Fields"/>), that a
/// field reports only its first failing check, and what they no longer judge (codes, required fields: the reader's part).
/// The mapper tests cover how these failures come out as unreadable fields of each source.
/// </summary>
public sealed class RecordValidatorTests
{
    private static readonly PersonRecord Student = new()
    {
        Source = Source.Sms,
        Kind = PersonKind.Student,
        SourceKey = "S-0001842",
        MoetCode = "2200184213",
        PersonalIdRaw = "022312001234",
        FullName = "Nguyễn Thị Thu Hà",
        DateOfBirth = new DateOnly(2012, 3, 9),
        Gender = Gender.Female,
        EthnicityCode = "01",
        FatherName = "Nguyễn Văn Nam",
        MotherName = "Trần Thị Lan",
        SchoolCode = "22000123",
        Grade = 8,
        ClassName = "8A2",
        Status = PersonStatus.Studying,
        UpdatedAt = new DateTimeOffset(2026, 10, 1, 7, 15, 0, TimeSpan.Zero),
    };

    private static readonly PersonRecord Staff = Student with
    {
        Kind = PersonKind.Staff,
        EthnicityCode = null,
        FatherName = null,
        MotherName = null,
        Grade = null,
        ClassName = null,
        Position = StaffPosition.Teacher,
        Status = PersonStatus.Working,
    };

    private static readonly HealthFindings Findings = new()
    {
        ExamDate = new DateOnly(2026, 9, 20),
        HeightCm = 152.5m,
        WeightKg = 41.2m,
        Bmi = 17.7m,
        BloodGroup = "O",
        EyeCondition = "myopia",
    };

    private static readonly HealthExamRecord Exam = new()
    {
        ExamId = "H-77120",
        StudentKey = "S-0001842",
        SchoolCode = "22000123",
        Findings = Findings,
        UpdatedAt = new DateTimeOffset(2026, 9, 21, 3, 0, 0, TimeSpan.Zero),
    };

    private static readonly string Key65 = new('K', 65);
    private static readonly string Text51 = new('T', 51);
    private static readonly string Name201 = new('N', 201);

    public static TheoryData<PersonRecord, string, string> BadPersons => new()
    {
        { Student with { SourceKey = "" }, "sourceKey", "missing" },
        { Student with { SourceKey = " \t" }, "sourceKey", "missing" },
        { Student with { SourceKey = Key65 }, "sourceKey", "longer than 64 characters" },
        { Student with { SourceKey = "S-1\u001F" }, "sourceKey", "contains a control character" },
        { Student with { FullName = Name201 }, "fullName", "longer than 200 characters" },
        { Student with { FullName = "Nguyễn\u0085Hà" }, "fullName", "contains a control character" },
        { Student with { DateOfBirth = new DateOnly(1899, 12, 31) }, "dateOfBirth", "1899-12-31 is outside 1900-01-01..today" },
        { Student with { DateOfBirth = new DateOnly(2026, 11, 21) }, "dateOfBirth", "2026-11-21 is outside 1900-01-01..today" },
        { Student with { SchoolCode = Key65 }, "schoolCode", "longer than 64 characters" },
        { Student with { SchoolCode = "2200\u00000123" }, "schoolCode", "contains a control character" },
        { Student with { MoetCode = "22001842１３" }, "moetCode", "'22001842１３' is not 10 digits" },
        { Student with { MoetCode = "" }, "moetCode", "'' is not 10 digits" },
        { Student with { MoetCode = "2200184213\u0000" }, "moetCode", "'2200184213\\u0000' is not 10 digits" },
        { Student with { PersonalIdRaw = "022312\r\n001234" }, "personalId", "contains a control character" },
        { Student with { EthnicityCode = Text51 }, "ethnicityCode", "longer than 50 characters" },
        { Student with { EthnicityCode = "0\u00071" }, "ethnicityCode", "contains a control character" },
        { Student with { FatherName = Name201 }, "fatherName", "longer than 200 characters" },
        { Student with { FatherName = "Nguyễn\tVăn Nam" }, "fatherName", "contains a control character" },
        { Student with { MotherName = Name201 }, "motherName", "longer than 200 characters" },
        { Student with { MotherName = "Trần\u007FLan" }, "motherName", "contains a control character" },
        { Student with { ClassName = Text51 }, "className", "longer than 50 characters" },
        { Student with { ClassName = "8A\u00002" }, "className", "contains a control character" },
        { Student with { Grade = 13 }, "grade", "13 is outside 0..12" },
        { Student with { Grade = -1 }, "grade", "-1 is outside 0..12" },
        { Student with { NationalHealth = Findings with { ExamDate = new DateOnly(2027, 1, 1) } }, "nationalHealth.examDate", "2027-01-01 is outside 1900-01-01..today" },
        { Student with { NationalHealth = Findings with { ExamDate = new DateOnly(1899, 12, 31) } }, "nationalHealth.examDate", "1899-12-31 is outside 1900-01-01..today" },
        { Student with { NationalHealth = Findings with { HeightCm = -148m } }, "nationalHealth.heightCm", "-148 is negative" },
        { Student with { NationalHealth = Findings with { WeightKg = -0.5m } }, "nationalHealth.weightKg", $"{-0.5m} is negative" },
        { Student with { NationalHealth = Findings with { Bmi = -1m } }, "nationalHealth.bmi", "-1 is negative" },
        { Student with { NationalHealth = Findings with { BloodGroup = Text51 } }, "nationalHealth.bloodGroup", "longer than 50 characters" },
        { Student with { NationalHealth = Findings with { EyeCondition = Name201 } }, "nationalHealth.eyeCondition", "longer than 200 characters" },
        { Student with { NationalHealth = Findings with { CongenitalCondition = "a\u0001" } }, "nationalHealth.congenitalCondition", "contains a control character" },
        { Student with { NationalHealth = Findings with { SpineCondition = Name201 } }, "nationalHealth.spineCondition", "longer than 200 characters" },
    };

    /// <summary>
    /// What the person validator no longer judges: required-ness (the reader marks a missing required field unreadable and
    /// leaves it null), and codes (the code lists judge them while reading; an unknown one is kept as sent).
    /// </summary>
    public static TheoryData<PersonRecord> NotJudgedPersons => new()
    {
        Student with { FullName = null },
        Student with { DateOfBirth = null },
        Student with { Gender = null },
        Student with { Gender = (Gender)5 },
        Student with { SchoolCode = "" },
        Student with { Status = null },
        Student with { Status = "  " },
        Student with { Status = PersonStatus.Left },
        Student with { Status = "suspended" },
        Staff with { Status = PersonStatus.Graduated },
        Student with { Grade = null },
        Staff with { Position = null },
        Staff with { Position = "" },
        Staff with { Position = "janitor" },
        Student with { EthnicityCode = "99" },
        Student with { PopulationCheck = new PopulationCheck("OK", null, []) },
        Student with { PopulationCheck = new PopulationCheck(null, null, []) },
        Student with { NationalHealth = Findings with { ExamDate = null } },
        Student with { UpdatedAt = DateTimeOffset.MinValue },
        Student with { PersonalIdRaw = "O22 312.001-234" },
    };

    [Fact]
    public void Person_good_student_and_staff_have_no_failures()
    {
        var validator = new PersonRecordValidator(Clock);

        Assert.Empty(validator.Validate(Student));
        Assert.Empty(validator.Validate(Staff));
        Assert.Empty(validator.Validate(Student with { PopulationCheck = new PopulationCheck("DA_XAC_THUC", null, []), NationalHealth = Findings }));
    }

    [Fact]
    public void Person_limits_are_inclusive()
    {
        var validator = new PersonRecordValidator(Clock);
        var atLimits = Student with
        {
            SourceKey = new string('K', 64),
            FullName = new string('N', 200),
            EthnicityCode = new string('T', 50),
            DateOfBirth = new DateOnly(1900, 1, 1),
            Grade = 0,
            NationalHealth = Findings with { HeightCm = 0m, WeightKg = -0.0m, ExamDate = new DateOnly(2026, 11, 20) },
        };

        Assert.Empty(validator.Validate(atLimits));
        Assert.Empty(validator.Validate(atLimits with { Grade = 12, DateOfBirth = new DateOnly(2026, 11, 20) }));
    }

    [Theory]
    [MemberData(nameof(BadPersons))]
    public void Person_each_rule_reports_under_its_canonical_name(PersonRecord record, string property, string message)
    {
        var failure = Assert.Single(new PersonRecordValidator(Clock).Validate(record));

        Assert.Equal(new RecordFailure(property, message), failure);
    }

    [Theory]
    [MemberData(nameof(NotJudgedPersons))]
    public void Person_required_fields_and_codes_are_not_judged(PersonRecord record) =>
        Assert.Empty(new PersonRecordValidator(Clock).Validate(record));

    [Fact]
    public void Person_optional_fields_absent_are_not_failures()
    {
        var bare = Student with { MoetCode = null, PersonalIdRaw = null, EthnicityCode = null, FatherName = null, MotherName = null, ClassName = null };

        Assert.Empty(new PersonRecordValidator(Clock).Validate(bare));
    }

    [Fact]
    public void Person_grade_is_judged_only_for_students_and_position_only_for_staff()
    {
        var validator = new PersonRecordValidator(Clock);

        Assert.Empty(validator.Validate(Staff with { Grade = 40 }));
        Assert.Empty(validator.Validate(Student with { Position = "janitor" }));
    }

    [Fact]
    public void Person_property_reports_only_its_first_failing_check()
    {
        var record = Student with { SourceKey = new string('\u0001', 70), FullName = new string('\u0001', 201), SchoolCode = "22\u0000" };

        var failures = new PersonRecordValidator(Clock).Validate(record);

        Assert.Equal(
            [
                new RecordFailure(Fields.SourceKey, "longer than 64 characters"),
                new RecordFailure(Fields.FullName, "longer than 200 characters"),
                new RecordFailure(Fields.SchoolCode, "contains a control character"),
            ],
            failures);
    }

    [Fact]
    public void Person_failures_come_in_rule_order_with_the_health_findings_last()
    {
        var record = Student with
        {
            NationalHealth = Findings with { Bmi = -1m, ExamDate = new DateOnly(1800, 1, 1) },
            PopulationCheck = new PopulationCheck("X", null, []),
            Grade = 99,
            MoetCode = "1",
            DateOfBirth = new DateOnly(1800, 1, 1),
        };

        var failures = new PersonRecordValidator(Clock).Validate(record);

        Assert.Equal(
            ["dateOfBirth", "moetCode", "grade", "nationalHealth.examDate", "nationalHealth.bmi"],
            failures.Select(f => f.PropertyName));
    }

    [Fact]
    public void Person_today_is_the_date_in_vietnam()
    {
        // 2026-11-20 17:30 UTC is already 2026-11-21 in Hà Nội.
        var lateEvening = new FixedClock(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.Zero));

        Assert.Empty(new PersonRecordValidator(lateEvening).Validate(Student with { DateOfBirth = new DateOnly(2026, 11, 21) }));
    }

    [Fact]
    public void Exam_good_record_has_no_failures() =>
        Assert.Empty(new HealthExamRecordValidator(Clock).Validate(Exam));

    [Theory]
    [InlineData("examId", "", "missing")]
    [InlineData("examId", "H-1\u0000", "contains a control character")]
    [InlineData("studentKey", " ", "missing")]
    [InlineData("studentKey", "S-1\u001B", "contains a control character")]
    public void Exam_each_key_rule_reports_under_its_property(string property, string value, string message)
    {
        var exam = property switch
        {
            "examId" => Exam with { ExamId = value },
            _ => Exam with { StudentKey = value },
        };

        Assert.Equal([new RecordFailure(property, message)], new HealthExamRecordValidator(Clock).Validate(exam));
    }

    [Fact]
    public void Exam_keys_are_limited_to_64_characters_and_the_school_is_not_judged()
    {
        var exam = Exam with { ExamId = Key65, StudentKey = Key65, SchoolCode = Key65 };

        Assert.Equal(
            [new RecordFailure(Fields.ExamId, "longer than 64 characters"), new RecordFailure(Fields.StudentKey, "longer than 64 characters")],
            new HealthExamRecordValidator(Clock).Validate(exam));
        Assert.Empty(new HealthExamRecordValidator(Clock).Validate(Exam with { SchoolCode = "" }));
    }

    [Fact]
    public void Exam_findings_report_under_health_exam()
    {
        var exam = Exam with { Findings = Findings with { ExamDate = new DateOnly(2030, 1, 1), HeightCm = -1m, EyeCondition = "a\u0000" } };

        Assert.Equal(
            [
                new RecordFailure("healthExam.examDate", "2030-01-01 is outside 1900-01-01..today"),
                new RecordFailure("healthExam.heightCm", "-1 is negative"),
                new RecordFailure("healthExam.eyeCondition", "contains a control character"),
            ],
            new HealthExamRecordValidator(Clock).Validate(exam));
    }

    public static TheoryData<HealthFindings, string, string> BadFindings => new()
    {
        { Findings with { ExamDate = new DateOnly(2026, 11, 21) }, "examDate", "2026-11-21 is outside 1900-01-01..today" },
        { Findings with { ExamDate = new DateOnly(1899, 12, 31) }, "examDate", "1899-12-31 is outside 1900-01-01..today" },
        { Findings with { HeightCm = -1m }, "heightCm", "-1 is negative" },
        { Findings with { WeightKg = -2m }, "weightKg", "-2 is negative" },
        { Findings with { Bmi = -0.1m }, "bmi", $"{-0.1m} is negative" },
        { Findings with { BloodGroup = Text51 }, "bloodGroup", "longer than 50 characters" },
        { Findings with { BloodGroup = "O\u0000" }, "bloodGroup", "contains a control character" },
        { Findings with { EyeCondition = Name201 }, "eyeCondition", "longer than 200 characters" },
        { Findings with { CongenitalCondition = Name201 }, "congenitalCondition", "longer than 200 characters" },
        { Findings with { SpineCondition = "scoliosis\u0007" }, "spineCondition", "contains a control character" },
    };

    [Theory]
    [MemberData(nameof(BadFindings))]
    public void Findings_alone_report_bare_canonical_names(HealthFindings findings, string property, string message) =>
        Assert.Equal([new RecordFailure(property, message)], new HealthFindingsValidator(Clock).Validate(findings));

    [Theory]
    [MemberData(nameof(BadFindings))]
    public void Exam_findings_report_each_rule_under_health_exam(HealthFindings findings, string property, string message) =>
        Assert.Equal(
            [new RecordFailure($"{Fields.HealthExam}.{property}", message)],
            new HealthExamRecordValidator(Clock).Validate(Exam with { Findings = findings }));

    [Fact]
    public void Findings_limits_are_inclusive_and_nothing_is_required()
    {
        var validator = new HealthFindingsValidator(Clock);

        Assert.Empty(validator.Validate(new HealthFindings()));
        Assert.Empty(validator.Validate(Findings with
        {
            ExamDate = new DateOnly(2026, 11, 20),
            HeightCm = 0m,
            BloodGroup = new string('T', 50),
            EyeCondition = new string('N', 200),
        }));
        Assert.Empty(validator.Validate(Findings with { ExamDate = new DateOnly(1900, 1, 1) }));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
