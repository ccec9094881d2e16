using System.Text;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;

namespace DigitalEdu.Tests.Connectors;

public sealed class SmsRecordMapperTests
{
    internal const string Student = """
        {"studentId": "S-0001842", "moetCode": "2200184213", "personalId": "022312001234",
         "fullName": "Nguyễn Thị Thu Hà", "dateOfBirth": "2012-03-09", "gender": "female",
         "ethnicityCode": "01", "fatherName": "Nguyễn Văn Nam", "motherName": "Trần Thị Lan",
         "schoolCode": "22000123", "grade": 8, "className": "8A2",
         "status": "studying", "updatedAt": "2026-10-01T07:15:00Z"}
        """;

    internal const string Staff = """
        {"staffId": "T-000311", "moetStaffCode": "2200031101", "personalId": "022086004321",
         "fullName": "Phạm Văn Đức", "dateOfBirth": "1986-11-30", "gender": "male",
         "schoolCode": "22000123", "position": "teacher", "status": "working",
         "updatedAt": "2026-09-05T02:00:00Z"}
        """;

    internal const string Exam = """
        {"examId": "H-77120", "studentId": "S-0001842", "examDate": "2026-09-20",
         "heightCm": 152.5, "weightKg": 41.2, "bmi": 17.7, "bloodGroup": "O",
         "eyeCondition": "myopia", "congenitalCondition": null, "spineCondition": null,
         "canSwim": true, "updatedAt": "2026-09-21T03:00:00Z"}
        """;

    /// <summary>The samples as read from the listing the table tests use: what a record with one bad field is compared to.</summary>
    internal static PersonRecord GoodStudent() => Sms().MapStudent(Parse(Student), ListingSchool).Record!;

    internal static PersonRecord GoodStaff() => Sms().MapStaff(Parse(Staff), ListingSchool).Record!;

    internal static HealthExamRecord GoodExam() => Sms().MapHealthExam(Parse(Exam), "22000123").Record!;

    [Fact]
    public void MapStudent_good_record_lands_every_field()
    {
        var record = Sms().MapStudent(Parse(Student)).Record;

        Assert.NotNull(record);
        Assert.Equal(Source.Sms, record.Source);
        Assert.Equal(PersonKind.Student, record.Kind);
        Assert.Equal("S-0001842", record.SourceKey);
        Assert.Equal("2200184213", record.MoetCode);
        Assert.Equal("022312001234", record.PersonalIdRaw);
        Assert.Equal("Nguyễn Thị Thu Hà", record.FullName);
        Assert.Equal(new DateOnly(2012, 3, 9), record.DateOfBirth);
        Assert.Equal(Gender.Female, record.Gender);
        Assert.Equal("01", record.EthnicityCode);
        Assert.Equal("Nguyễn Văn Nam", record.FatherName);
        Assert.Equal("Trần Thị Lan", record.MotherName);
        Assert.Equal("22000123", record.SchoolCode);
        Assert.Equal(8, record.Grade);
        Assert.Equal("8A2", record.ClassName);
        Assert.Equal(PersonStatus.Studying, record.Status);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 7, 15, 0, TimeSpan.Zero), record.UpdatedAt);
        Assert.Null(record.Position);
        Assert.Null(record.PopulationCheck);
        Assert.Null(record.NationalHealth);
    }

    [Fact]
    public void MapStudent_nfd_name_with_stray_spaces_is_normalised_not_rejected()
    {
        var nfd = "  Nguyễn   Thị Thu Hà ".Normalize(NormalizationForm.FormD);

        var record = Sms().MapStudent(With(Student, "fullName", $"\"{nfd}\"")).Record;

        Assert.Equal("Nguyễn Thị Thu Hà", record?.FullName);
    }

    [Theory]
    [InlineData("\"022 312 001 234\"", "022 312 001 234")]
    [InlineData("\"22312001234\"", "22312001234")]
    [InlineData("\"O22312001234\"", "O22312001234")]
    [InlineData("22312001234", "22312001234")]
    [InlineData("null", null)]
    public void MapStudent_odd_personal_id_is_kept_raw_not_quarantined(string raw, string? expected)
    {
        var mapped = Sms().MapStudent(With(Student, "personalId", raw));

        Assert.Null(mapped.Quarantined);
        Assert.Equal(expected, mapped.Record!.PersonalIdRaw);
    }

    [Theory]
    [InlineData("\"8\"", 8)]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    public void MapStudent_grade_as_number_or_digit_string_is_read(string raw, int grade) =>
        Assert.Equal(grade, Sms().MapStudent(With(Student, "grade", raw)).Record?.Grade);

    [Theory]
    [InlineData("studentId", null, "studentId: missing")]
    [InlineData("studentId", "\"  \"", "studentId: blank")]
    [InlineData("studentId", "1842", "studentId: expected a string, got a number '1842'")]
    public void MapStudent_unreadable_key_is_quarantined_with_its_reason(string field, string? raw, string reason)
    {
        var element = With(Student, field, raw);

        var quarantined = AssertQuarantined(Sms().MapStudent(element, ListingSchool), element);

        Assert.Equal([reason], quarantined.Reasons);
        Assert.Null(quarantined.SourceKey);
    }

    [Theory]
    [InlineData("fullName", null, "fullName", "")]
    [InlineData("fullName", "\"Nguyễn\\u0000Hà\"", "fullName", "Nguyễn\\u0000Hà")]
    [InlineData("fullName", "[\"Nguyen\"]", "fullName", "[\"Nguyen\"]")]
    [InlineData("dateOfBirth", "\"31/02/2012\"", "dateOfBirth", "31/02/2012")]
    [InlineData("dateOfBirth", "\"2012-02-31\"", "dateOfBirth", "2012-02-31")]
    [InlineData("dateOfBirth", "\"1899-12-31\"", "dateOfBirth", "1899-12-31")]
    [InlineData("dateOfBirth", "\"2027-01-01\"", "dateOfBirth", "2027-01-01")]
    [InlineData("dateOfBirth", "20120309", "dateOfBirth", "20120309")]
    [InlineData("gender", "\"nam\"", "gender", "nam")]
    [InlineData("gender", "1", "gender", "1")]
    [InlineData("grade", "14", "grade", "14")]
    [InlineData("grade", "-1", "grade", "-1")]
    [InlineData("grade", "8.5", "grade", "8.5")]
    [InlineData("grade", "\"tám\"", "grade", "tám")]
    [InlineData("grade", "true", "grade", "true")]
    [InlineData("grade", null, "grade", "")]
    [InlineData("status", "\"XYZ\"", "status", "XYZ")]
    [InlineData("moetCode", "\"22001842\"", "moetCode", "22001842")]
    [InlineData("moetCode", "2200184213", "moetCode", "2200184213")]
    [InlineData("schoolCode", null, "schoolCode", "")]
    [InlineData("updatedAt", "\"yesterday\"", "updatedAt", "yesterday")]
    [InlineData("fatherName", "{}", "fatherName", "{}")]
    public void MapStudent_bad_field_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapStudent(With(Student, field, raw), ListingSchool), GoodStudent(), canonical, kept);

    [Theory]
    [InlineData("xyz")]
    [InlineData("working")]
    public void MapStudent_status_the_list_lacks_is_kept_as_sent_and_not_active(string status) =>
        AssertUnknownCode(Sms().MapStudent(With(Student, "status", $"\"{status}\""), ListingSchool), GoodStudent(), "status", status);

    [Fact]
    public void MapStudent_name_of_300_characters_is_kept_unreadable()
    {
        var name = new string('A', 300);

        var record = AssertUnreadable(Sms().MapStudent(With(Student, "fullName", $"\"{name}\""), ListingSchool), GoodStudent(), "fullName", name);

        Assert.Equal("S-0001842", record.SourceKey);
    }

    [Fact]
    public void MapStudent_value_kept_as_received_is_shortened_past_300_characters()
    {
        var record = Sms().MapStudent(With(Student, "fullName", $"\"{new string('A', 1000)}\""), ListingSchool).Record;

        Assert.Equal(new string('A', 300) + "…", record?.Unreadable?["fullName"]);
    }

    [Fact]
    public void MapStudent_every_bad_field_is_unreadable_on_its_own()
    {
        var element = Parse("""
            {"studentId": "S-1", "fullName": "A\u0000B", "dateOfBirth": "31/02/2012", "gender": "female",
             "schoolCode": "22000123", "grade": 14, "status": "xyz", "updatedAt": "2026-10-01T07:15:00Z"}
            """);

        var record = AssertKept(Sms().MapStudent(element));

        Assert.Equal(
            [KeyValuePair.Create("dateOfBirth", "31/02/2012"), KeyValuePair.Create("fullName", "A\\u0000B"), KeyValuePair.Create("grade", "14")],
            record.Unreadable!.OrderBy(u => u.Key, StringComparer.Ordinal));
        Assert.Equal([KeyValuePair.Create("status", "xyz")], record.UnknownCodes!);
        Assert.Null(record.FullName);
        Assert.Null(record.DateOfBirth);
        Assert.Null(record.Grade);
        Assert.Equal("xyz", record.Status);
        Assert.Equal(Gender.Female, record.Gender);
        Assert.False(record.IsActive);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"S-1\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void MapStudent_item_that_is_not_an_object_is_quarantined_whole(string json)
    {
        var element = Parse(json);

        var quarantined = AssertQuarantined(Sms().MapStudent(element), element);

        Assert.Null(quarantined.SourceKey);
        Assert.StartsWith("record: expected a JSON object", quarantined.Reasons[0]);
        Assert.Null(quarantined.Placeholder);
    }

    [Fact]
    public void MapStaff_good_record_lands_every_field()
    {
        var record = Sms().MapStaff(Parse(Staff)).Record;

        Assert.NotNull(record);
        Assert.Equal(PersonKind.Staff, record.Kind);
        Assert.Equal("T-000311", record.SourceKey);
        Assert.Equal("2200031101", record.MoetCode);
        Assert.Equal("022086004321", record.PersonalIdRaw);
        Assert.Equal("Phạm Văn Đức", record.FullName);
        Assert.Equal(new DateOnly(1986, 11, 30), record.DateOfBirth);
        Assert.Equal(Gender.Male, record.Gender);
        Assert.Equal("22000123", record.SchoolCode);
        Assert.Equal(StaffPosition.Teacher, record.Position);
        Assert.Equal(PersonStatus.Working, record.Status);
        Assert.Null(record.Grade);
    }
    [Theory]
    [InlineData("position", null, "position", "")]
    [InlineData("position", "\"Janitor\"", "position", "Janitor")]
    [InlineData("moetStaffCode", "\"ABC\"", "moetCode", "ABC")]
    public void MapStaff_bad_field_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapStaff(With(Staff, field, raw), ListingSchool), GoodStaff(), canonical, kept);

    [Theory]
    [InlineData("position", "janitor")]
    [InlineData("status", "studying")]
    public void MapStaff_code_the_list_lacks_is_kept_as_sent(string field, string code) =>
        AssertUnknownCode(Sms().MapStaff(With(Staff, field, $"\"{code}\""), ListingSchool), GoodStaff(), field, code);

    [Fact]
    public void MapStaff_without_its_key_is_quarantined_with_a_placeholder_by_its_moet_code()
    {
        var element = With(Staff, "staffId", null);

        var quarantined = AssertQuarantined(Sms().MapStaff(element, ListingSchool), element);

        Assert.Equal(["staffId: missing"], quarantined.Reasons);
        AssertPlaceholder(quarantined, Source.Sms, PersonKind.Staff, "quarantined:moet:2200031101", "2200031101", "022086004321", "22000123");
    }

    [Fact]
    public void MapHealthExam_good_record_lands_every_field()
    {
        var exam = Sms().MapHealthExam(Parse(Exam), "22000123").Record;

        Assert.NotNull(exam);
        Assert.Equal("H-77120", exam.ExamId);
        Assert.Equal("S-0001842", exam.StudentKey);
        Assert.Equal("22000123", exam.SchoolCode);
        Assert.Equal(new DateOnly(2026, 9, 20), exam.Findings.ExamDate);
        Assert.Equal(152.5m, exam.Findings.HeightCm);
        Assert.Equal(41.2m, exam.Findings.WeightKg);
        Assert.Equal(17.7m, exam.Findings.Bmi);
        Assert.Equal("O", exam.Findings.BloodGroup);
        Assert.Equal("myopia", exam.Findings.EyeCondition);
        Assert.Null(exam.Findings.CongenitalCondition);
        Assert.Null(exam.Findings.SpineCondition);
        Assert.True(exam.Findings.CanSwim);
        Assert.Equal(new DateTimeOffset(2026, 9, 21, 3, 0, 0, TimeSpan.Zero), exam.UpdatedAt);
    }

    [Fact]
    public void MapHealthExam_without_its_pupil_is_quarantined_without_a_placeholder()
    {
        var element = With(Exam, "studentId", null);

        var quarantined = AssertQuarantined(Sms().MapHealthExam(element, "22000123"), element);

        Assert.Equal(["studentId: missing"], quarantined.Reasons);
        Assert.Equal("H-77120", quarantined.SourceKey);
        Assert.Null(quarantined.Placeholder);
    }

    // Fails today: the exam's completion strips "healthExam." from every validator failure, a key's too, which throws
    // ArgumentOutOfRangeException instead of quarantining (see the reply of the mapper-test branch).
    [Theory]
    [InlineData("examId", "\"H-77120\\u001B\"", "examId: contains a control character")]
    [InlineData("studentId", "\"S-00018420000000000000000000000000000000000000000000000000000000000\"", "studentId: longer than 64 characters")]
    public void MapHealthExam_key_that_breaks_its_rule_is_quarantined_without_a_placeholder(string field, string raw, string reason)
    {
        var element = With(Exam, field, raw);

        var quarantined = AssertQuarantined(Sms().MapHealthExam(element, "22000123"), element);

        Assert.Equal([reason], quarantined.Reasons);
        Assert.Null(quarantined.Placeholder);
    }

    [Theory]
    [InlineData("examDate", null, "healthExam.examDate", "")]
    [InlineData("examDate", "\"20/09/2026\"", "healthExam.examDate", "20/09/2026")]
    [InlineData("heightCm", "\"152,5\"", "healthExam.heightCm", "152,5")]
    [InlineData("weightKg", "-4", "healthExam.weightKg", "-4")]
    [InlineData("canSwim", "\"yes\"", "healthExam.canSwim", "yes")]
    [InlineData("examDate", "\"2026-11-21\"", "healthExam.examDate", "2026-11-21")]
    [InlineData("spineCondition", "\"scoliosis\\u0000\"", "healthExam.spineCondition", "scoliosis\\u0000")]
    public void MapHealthExam_bad_field_keeps_the_exam_with_that_finding_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapHealthExam(With(Exam, field, raw), "22000123"), GoodExam(), canonical, kept);

    [Fact]
    public void Fields_are_found_however_the_record_spells_and_orders_its_names()
    {
        var mapper = Sms();
        var escaped = Student.Replace("\"fullName\"", "\"\\u0066ullName\"", StringComparison.Ordinal);
        var repeated = Student.Replace("\"grade\": 8,", "\"grade\": 6, \"className\": \"6B\", \"grade\": 8,", StringComparison.Ordinal);
        var reversed = "{" + string.Join(",", Parse(Student).EnumerateObject().Reverse().Select(p => $"\"{p.Name}\": {p.Value.GetRawText()}")) + "}";
        var wide = Student.Replace("{", "{" + string.Concat(Enumerable.Range(0, 60).Select(i => $"\"extra{i}\": {i}, ")), StringComparison.Ordinal);

        foreach (var json in new[] { Student, escaped, repeated, reversed, wide })
        {
            var record = mapper.MapStudent(Parse(json)).Record;

            Assert.NotNull(record);
            Assert.Equal("Nguyễn Thị Thu Hà", record.FullName);
            Assert.Equal("S-0001842", record.SourceKey);
            Assert.Equal("2026-10-01T07:15:00.0000000+00:00", record.UpdatedAt.ToString("O"));
        }

        // The last of a repeated name counts, as everywhere else in the JSON the service reads.
        Assert.Equal(8, mapper.MapStudent(Parse(repeated)).Record!.Grade);
        Assert.Equal("8A2", mapper.MapStudent(Parse(repeated)).Record!.ClassName);
    }
}
