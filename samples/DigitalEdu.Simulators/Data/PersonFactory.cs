namespace DigitalEdu.Simulators.Data;

/// <summary>
/// Makes true persons one at a time from a shared random stream, so a run of any size costs one pass and no per-person state
/// beyond the ID registry. Keys are handed out from counters so extra SMS records (transfers, duplicates) get fresh ones too.
/// </summary>
internal sealed class PersonFactory
{
    // Records change from February on, so the older versions planted a month back still fall in 2026.
    private static readonly DateTime YearStart = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] PreschoolGroups = ["Lá", "Chồi", "Mầm"];

    private readonly Random _random;
    private readonly IReadOnlyList<School> _schools;
    private readonly PersonalIdRegistry _ids;
    private readonly string _provinceCode;
    private readonly string _ownPrefix;
    private readonly IReadOnlyList<string> _otherPrefixes;
    private int _studentCounter;
    private int _staffCounter;
    private int _moetCounter;
    private int _examCounter = 10000;

    public PersonFactory(Random random, IReadOnlyList<School> schools, PersonalIdRegistry ids, string provinceCode)
    {
        _random = random;
        _schools = schools;
        _ids = ids;
        _provinceCode = provinceCode;
        _ownPrefix = "0" + provinceCode;
        _otherPrefixes = ProvincePrefixes.OthersThan(_ownPrefix);
    }

    public Random Random => _random;

    public PersonalIdRegistry Ids => _ids;

    public string OwnPrefix => _ownPrefix;

    public Person Create(PersonKind kind, bool forceActive)
    {
        var gender = _random.Next(2) == 0 ? Gender.Male : Gender.Female;
        var school = _schools[_random.Next(_schools.Count)];
        var family = Pick(NameParts.Families);
        var fullName = NewName(family, gender);
        var updatedAt = YearStart.AddSeconds(_random.Next(0, 260 * 24 * 3600));
        // Most persons were born where they live; a few registered their birth in another province.
        var prefix = _random.NextDouble() < 0.05 ? Pick(_otherPrefixes) : _ownPrefix;
        var active = forceActive || _random.NextDouble() >= 0.05;
        return kind == PersonKind.Student
            ? CreateStudent(gender, school, family, fullName, updatedAt, prefix, active)
            : CreateStaff(gender, school, fullName, updatedAt, prefix, active);
    }

    public string NextStudentKey() => $"S-{++_studentCounter:D7}";

    public string NextStaffKey() => $"T-{++_staffCounter:D6}";

    public string NextKey(PersonKind kind) => kind == PersonKind.Student ? NextStudentKey() : NextStaffKey();

    /// <summary>10 digits starting with the province code; the multiplier is coprime with 10^8, so the codes never repeat.</summary>
    public string NextMoetCode() => $"{_provinceCode}{((long)++_moetCounter * 7919 + 12345) % 100_000_000:D8}";

    public string NextExamId() => $"H-{++_examCounter}";

    public string NewName(string family, Gender gender) => gender == Gender.Male
        ? $"{family} {Pick(NameParts.MaleMiddles)} {Pick(NameParts.MaleGivens)}"
        : $"{family} {Pick(NameParts.FemaleMiddles)} {Pick(NameParts.FemaleGivens)}";

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A class of the grade other than the given one ("8A2" → "8A3"), for planted class differences.</summary>
    public static string OtherClass(string className)
    {
        var last = className[^1];
        var next = last is >= '1' and < '6' ? (char)(last + 1) : '1';
        return className[..^1] + next;
    }

    public HealthExam NewExam(DateOnly examDate, DateOnly dateOfBirth)
    {
        var age = examDate.Year - dateOfBirth.Year;
        var height = Math.Round(95 + (age - 3) * 6.2 + _random.NextDouble() * 10, 1);
        var weight = Math.Round(14 + (age - 3) * 3.1 + _random.NextDouble() * 8, 1);
        var bmi = Math.Round(weight / (height / 100 * (height / 100)), 1);
        return new HealthExam(
            NextExamId(),
            examDate,
            height,
            weight,
            bmi,
            Pick(["O", "O", "A", "B", "AB"]),
            _random.NextDouble() < 0.2 ? Pick(["myopia", "astigmatism", "hyperopia"]) : null,
            _random.NextDouble() < 0.02 ? "congenital_heart" : null,
            _random.NextDouble() < 0.05 ? "scoliosis" : null,
            _random.NextDouble() < 0.4,
            examDate.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddDays(1));
    }

    private Person CreateStudent(Gender gender, School school, string family, string fullName, DateTime updatedAt, string prefix, bool active)
    {
        var grade = _random.Next(school.MinGrade, school.MaxGrade + 1);
        // School year 2026–27: grade 1 was born in 2020; preschool spans the three years below; a few repeat a year.
        var birthYear = grade == 0 ? 2021 + _random.Next(3) : 2021 - grade - (_random.NextDouble() < 0.03 ? 1 : 0);
        var dateOfBirth = new DateOnly(birthYear, 1, 1).AddDays(_random.Next(365));
        var className = grade == 0
            ? $"{PreschoolGroups[Math.Clamp(birthYear - 2021, 0, 2)]} {_random.Next(1, 4)}"
            : $"{grade}A{_random.Next(1, 7)}";
        var status = active ? "studying" : Pick(["graduated", "transferred_out", "dropped_out"]);
        var exams = NewExams(dateOfBirth);
        return new Person
        {
            Kind = PersonKind.Student,
            SmsKey = NextStudentKey(),
            MoetCode = NextMoetCode(),
            PersonalId = _ids.Issue(prefix, gender, birthYear),
            FullName = fullName,
            DateOfBirth = dateOfBirth,
            Gender = gender,
            School = school,
            Status = status,
            UpdatedAt = updatedAt,
            EthnicityCode = _random.NextDouble() < 0.9 ? "01" : Pick(NameParts.MinorityEthnicities),
            FatherName = _random.NextDouble() < 0.04 ? null : $"{family} {Pick(NameParts.MaleMiddles)} {Pick(NameParts.MaleGivens)}",
            MotherName = NewName(Pick(NameParts.Families), Gender.Female),
            Grade = grade,
            ClassName = className,
            Exams = exams,
            NationalExam = exams.Count == 0 ? null : exams[^1],
        };
    }

    private Person CreateStaff(Gender gender, School school, string fullName, DateTime updatedAt, string prefix, bool active)
    {
        var birthYear = _random.Next(1965, 2001);
        var dateOfBirth = new DateOnly(birthYear, 1, 1).AddDays(_random.Next(365));
        var roll = _random.NextDouble();
        return new Person
        {
            Kind = PersonKind.Staff,
            SmsKey = NextStaffKey(),
            MoetCode = NextMoetCode(),
            PersonalId = _ids.Issue(prefix, gender, birthYear),
            FullName = fullName,
            DateOfBirth = dateOfBirth,
            Gender = gender,
            School = school,
            Status = active ? "working" : "left",
            UpdatedAt = updatedAt,
            Position = roll < 0.8 ? "teacher" : roll < 0.87 ? "manager" : "staff",
        };
    }

    /// <summary>About a third of pupils were never examined; the rest have one to three exams in 2026, the latest current.</summary>
    private List<HealthExam> NewExams(DateOnly dateOfBirth)
    {
        var count = _random.NextDouble() < 0.35 ? 0 : _random.Next(1, 4);
        var exams = new List<HealthExam>(count);
        DateOnly[] windowStarts = [new(2026, 1, 10), new(2026, 4, 1), new(2026, 9, 5)];
        for (var i = 3 - count; i < 3; i++)
        {
            exams.Add(NewExam(windowStarts[i].AddDays(_random.Next(40)), dateOfBirth));
        }

        return exams;
    }
}
