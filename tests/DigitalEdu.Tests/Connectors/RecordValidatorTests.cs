using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;

namespace DigitalEdu.Tests.Connectors;

/// <summary>
/// The record validators on their own: every rule, the property path it reports under, and that a property reports only
/// its first failing check. The mapper tests cover how these failures come out under each source's field names.
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
        { Student with { SourceKey = "" }, "SourceKey", "missing" },
        { Student with { SourceKey = " \t" }, "SourceKey", "missing" },
        { Student with { SourceKey = Key65 }, "SourceKey", "longer than 64 characters" },
        { Student with { SourceKey = "S-1\u001F" }, "SourceKey", "contains a control character" },
        { Student with { FullName = null! }, "FullName", "missing" },
        { Student with { FullName = "Nguyễn\u0085Hà" }, "FullName", "contains a control character" },
        { Student with { DateOfBirth = new DateOnly(1899, 12, 31) }, "DateOfBirth", "1899-12-31 is outside 1900-01-01..today" },
        { Student with { DateOfBirth = new DateOnly(2026, 11, 21) }, "DateOfBirth", "2026-11-21 is outside 1900-01-01..today" },
        { Student with { Gender = (Gender)5 }, "Gender", "'5' is unknown" },
        { Student with { SchoolCode = "" }, "SchoolCode", "missing" },
        { Student with { SchoolCode = Key65 }, "SchoolCode", "longer than 64 characters" },
        { Student with { SchoolCode = "2200\u00000123" }, "SchoolCode", "contains a control character" },
        { Student with { Status = "  " }, "Status", "missing" },
        { Student with { Status = PersonStatus.Left }, "Status", "'left' is unknown" },
        { Staff with { Status = PersonStatus.Graduated }, "Status", "'graduated' is unknown" },
        { Student with { MoetCode = "22001842１３" }, "MoetCode", "'22001842１３' is not 10 digits" },
        { Student with { MoetCode = "" }, "MoetCode", "'' is not 10 digits" },
        { Student with { PersonalIdRaw = "022312\r\n001234" }, "PersonalIdRaw", "contains a control character" },
        { Student with { EthnicityCode = Text51 }, "EthnicityCode", "longer than 50 characters" },
        { Student with { EthnicityCode = "0\u00071" }, "EthnicityCode", "contains a control character" },
        { Student with { FatherName = Name201 }, "FatherName", "longer than 200 characters" },
        { Student with { FatherName = "Nguyễn\tVăn Nam" }, "FatherName", "contains a control character" },
        { Student with { MotherName = Name201 }, "MotherName", "longer than 200 characters" },
        { Student with { MotherName = "Trần\u007FLan" }, "MotherName", "contains a control character" },
        { Student with { ClassName = Text51 }, "ClassName", "longer than 50 characters" },
        { Student with { ClassName = "8A\u00002" }, "ClassName", "contains a control character" },
        { Student with { Grade = null }, "Grade", "missing" },
        { Student with { Grade = 13 }, "Grade", "13 is outside 0..12" },
        { Staff with { Position = null }, "Position", "missing" },
        { Staff with { Position = "" }, "Position", "missing" },
        { Staff with { Position = "janitor" }, "Position", "'janitor' is unknown" },
        { Student with { PopulationCheck = new PopulationCheck("OK", null, []) }, "PopulationCheck.Status", "'OK' is unknown" },
        { Student with { NationalHealth = Findings with { ExamDate = new DateOnly(2027, 1, 1) } }, "NationalHealth.ExamDate", "2027-01-01 is outside 1900-01-01..today" },
        { Student with { NationalHealth = Findings with { HeightCm = -148m } }, "NationalHealth.HeightCm", "-148 is negative" },
        { Student with { NationalHealth = Findings with { WeightKg = -0.5m } }, "NationalHealth.WeightKg", $"{-0.5m} is negative" },
        { Student with { NationalHealth = Findings with { Bmi = -1m } }, "NationalHealth.Bmi", "-1 is negative" },
        { Student with { NationalHealth = Findings with { BloodGroup = Text51 } }, "NationalHealth.BloodGroup", "longer than 50 characters" },
        { Student with { NationalHealth = Findings with { EyeCondition = Name201 } }, "NationalHealth.EyeCondition", "longer than 200 characters" },
        { Student with { NationalHealth = Findings with { CongenitalCondition = "a\u0001" } }, "NationalHealth.CongenitalCondition", "contains a control character" },
        { Student with { NationalHealth = Findings with { SpineCondition = Name201 } }, "NationalHealth.SpineCondition", "longer than 200 characters" },
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
    public void Person_each_rule_reports_under_its_property_path(PersonRecord record, string property, string message)
    {
        var failure = Assert.Single(new PersonRecordValidator(Clock).Validate(record));

        Assert.Equal(new RecordFailure(property, message), failure);
    }

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
        var record = Student with { SourceKey = new string('\u0001', 70), FullName = " ", SchoolCode = "22\u0000" };

        var failures = new PersonRecordValidator(Clock).Validate(record);

        Assert.Equal(
            [
                new RecordFailure("SourceKey", "longer than 64 characters"),
                new RecordFailure("FullName", "missing"),
                new RecordFailure("SchoolCode", "contains a control character"),
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
            ["DateOfBirth", "MoetCode", "Grade", "PopulationCheck.Status", "NationalHealth.ExamDate", "NationalHealth.Bmi"],
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
    [InlineData("ExamId", "", "missing")]
    [InlineData("ExamId", "H-1\u0000", "contains a control character")]
    [InlineData("StudentKey", " ", "missing")]
    [InlineData("SchoolCode", "", "missing")]
    public void Exam_each_key_rule_reports_under_its_property(string property, string value, string message)
    {
        var exam = property switch
        {
            "ExamId" => Exam with { ExamId = value },
            "StudentKey" => Exam with { StudentKey = value },
            _ => Exam with { SchoolCode = value },
        };

        Assert.Equal([new RecordFailure(property, message)], new HealthExamRecordValidator(Clock).Validate(exam));
    }

    [Fact]
    public void Exam_keys_are_limited_to_64_characters()
    {
        var exam = Exam with { ExamId = Key65, StudentKey = Key65, SchoolCode = Key65 };

        Assert.Equal(
            [new RecordFailure("ExamId", "longer than 64 characters"), new RecordFailure("StudentKey", "longer than 64 characters")],
            new HealthExamRecordValidator(Clock).Validate(exam));
    }

    [Fact]
    public void Exam_findings_report_under_findings()
    {
        var exam = Exam with { Findings = Findings with { ExamDate = new DateOnly(2030, 1, 1), HeightCm = -1m, EyeCondition = "a\u0000" } };

        Assert.Equal(
            [
                new RecordFailure("Findings.ExamDate", "2030-01-01 is outside 1900-01-01..today"),
                new RecordFailure("Findings.HeightCm", "-1 is negative"),
                new RecordFailure("Findings.EyeCondition", "contains a control character"),
            ],
            new HealthExamRecordValidator(Clock).Validate(exam));
    }

    [Fact]
    public void Findings_alone_report_bare_property_names() =>
        Assert.Equal(
            [new RecordFailure("WeightKg", "-2 is negative")],
            new HealthFindingsValidator(Clock).Validate(Findings with { WeightKg = -2m }));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
