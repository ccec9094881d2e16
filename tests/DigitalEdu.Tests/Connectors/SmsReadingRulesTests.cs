using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;
using static DigitalEdu.Tests.Connectors.SmsRecordMapperTests;

namespace DigitalEdu.Tests.Connectors;

/// <summary>
/// The reading rules (src/DigitalEdu.Sync/Reconcile/README.md, "Reading: every field has a role") on the SMS's students,
/// staff and health exams, one table per rule: an impossible value in any field but the key is unreadable, a well-formed
/// code the list lacks is kept, a record without a readable key is quarantined (a person with a placeholder when its MOET
/// code or personal ID can be read), and offsets, spaces, extra properties and property order change nothing.
/// </summary>
public sealed class SmsReadingRulesTests
{
    private static readonly string Name201 = new('N', 201);
    private static readonly string Text51 = new('T', 51);

    public static TheoryData<string, string?, string, string> StudentBadValues => new()
    {
        { "moetCode", "\"22001842\"", "moetCode", "22001842" },
        { "moetCode", "\"22001842１３\"", "moetCode", "22001842１３" },
        { "moetCode", "\"22-0018421\"", "moetCode", "22-0018421" },
        { "moetCode", "2200184213", "moetCode", "2200184213" },
        { "personalId", "\"022312\\u0000001234\"", "personalId", "022312\\u0000001234" },
        { "personalId", "true", "personalId", "true" },
        { "personalId", "{\"so\": 1}", "personalId", "{\"so\":1}" },
        { "fullName", null, "fullName", "" },
        { "fullName", "null", "fullName", "" },
        { "fullName", "\"   \"", "fullName", "   " },
        { "fullName", "42", "fullName", "42" },
        { "fullName", $"\"{Name201}\"", "fullName", Name201 },
        { "fullName", "\"Nguyễn\\u0007Hà\"", "fullName", "Nguyễn\u0007Hà" },
        { "dateOfBirth", "\"2012-02-30\"", "dateOfBirth", "2012-02-30" },
        { "dateOfBirth", "\"1899-12-31\"", "dateOfBirth", "1899-12-31" },
        { "dateOfBirth", "\"2026-11-21\"", "dateOfBirth", "2026-11-21" },
        { "dateOfBirth", "\"09/03/2012\"", "dateOfBirth", "09/03/2012" },
        { "dateOfBirth", "20120309", "dateOfBirth", "20120309" },
        { "dateOfBirth", null, "dateOfBirth", "" },
        { "gender", "\"nam\"", "gender", "nam" },
        { "gender", "\"Female\"", "gender", "Female" },
        { "gender", "\"\"", "gender", "" },
        { "gender", "true", "gender", "true" },
        { "gender", null, "gender", "" },
        { "ethnicityCode", "\"1234\"", "ethnicityCode", "1234" },
        { "ethnicityCode", "\"Kinh\"", "ethnicityCode", "Kinh" },
        { "ethnicityCode", "1", "ethnicityCode", "1" },
        { "ethnicityCode", "\"0\\u00001\"", "ethnicityCode", "0\\u00001" },
        { "fatherName", $"\"{Name201}\"", "fatherName", Name201 },
        { "fatherName", "[]", "fatherName", "[]" },
        { "fatherName", "\"Nam\\u0000\"", "fatherName", "Nam\\u0000" },
        { "motherName", "false", "motherName", "false" },
        { "motherName", "\"Lan\\u009F\"", "motherName", "Lan\u009F" },
        { "schoolCode", null, "schoolCode", "" },
        { "schoolCode", "\"  \"", "schoolCode", "  " },
        { "schoolCode", "22000123", "schoolCode", "22000123" },
        { "grade", "13", "grade", "13" },
        { "grade", "-1", "grade", "-1" },
        { "grade", "\"13\"", "grade", "13" },
        { "grade", "\"8A\"", "grade", "8A" },
        { "grade", "2147483648", "grade", "2147483648" },
        { "grade", null, "grade", "" },
        { "className", $"\"{Text51}\"", "className", Text51 },
        { "className", "8", "className", "8" },
        { "className", "\"8A\\u00002\"", "className", "8A\\u00002" },
        { "status", "\"Studying\"", "status", "Studying" },
        { "status", "\"đang_học\"", "status", "đang_học" },
        { "status", "\"studying now\"", "status", "studying now" },
        { "status", $"\"{new string('a', 41)}\"", "status", new string('a', 41) },
        { "status", "1", "status", "1" },
        { "status", null, "status", "" },
        { "updatedAt", "\"yesterday\"", "updatedAt", "yesterday" },
        { "updatedAt", "\"2026-02-30T07:15:00Z\"", "updatedAt", "2026-02-30T07:15:00Z" },
        { "updatedAt", "\"2026-10-01T25:00:00Z\"", "updatedAt", "2026-10-01T25:00:00Z" },
        { "updatedAt", "1759302900", "updatedAt", "1759302900" },
        { "updatedAt", null, "updatedAt", "" },
    };

    public static TheoryData<string, string?, string, string> StaffBadValues => new()
    {
        { "moetStaffCode", "\"ABC\"", "moetCode", "ABC" },
        { "moetStaffCode", "2200031101", "moetCode", "2200031101" },
        { "personalId", "[]", "personalId", "[]" },
        { "fullName", null, "fullName", "" },
        { "fullName", "\"Phạm\\u0000Đức\"", "fullName", "Phạm\\u0000Đức" },
        { "dateOfBirth", "\"1986-02-29\"", "dateOfBirth", "1986-02-29" },
        { "dateOfBirth", "\"1850-01-01\"", "dateOfBirth", "1850-01-01" },
        { "gender", "\"m\"", "gender", "m" },
        { "schoolCode", "{}", "schoolCode", "{}" },
        { "position", "\"Teacher\"", "position", "Teacher" },
        { "position", "\"giáo_viên\"", "position", "giáo_viên" },
        { "position", null, "position", "" },
        { "status", "\"Working\"", "status", "Working" },
        { "status", null, "status", "" },
        { "updatedAt", "\"\"", "updatedAt", "" },
        { "updatedAt", "\"soon\"", "updatedAt", "soon" },
    };

    public static TheoryData<string, string?, string, string> ExamBadValues => new()
    {
        { "examDate", "\"2026-09-31\"", "healthExam.examDate", "2026-09-31" },
        { "examDate", "\"1899-12-31\"", "healthExam.examDate", "1899-12-31" },
        { "examDate", "\"2026-11-21\"", "healthExam.examDate", "2026-11-21" },
        { "examDate", null, "healthExam.examDate", "" },
        { "heightCm", "\"152,5\"", "healthExam.heightCm", "152,5" },
        { "heightCm", "-1", "healthExam.heightCm", "-1" },
        { "heightCm", "1e400", "healthExam.heightCm", "1e400" },
        { "weightKg", "-4", "healthExam.weightKg", "-4" },
        { "weightKg", "true", "healthExam.weightKg", "true" },
        { "bmi", "\"17.7\"", "healthExam.bmi", "17.7" },
        { "bmi", "-0.1", "healthExam.bmi", "-0.1" },
        { "bloodGroup", $"\"{Text51}\"", "healthExam.bloodGroup", Text51 },
        { "bloodGroup", "1", "healthExam.bloodGroup", "1" },
        { "bloodGroup", "\"O\\u0000\"", "healthExam.bloodGroup", "O\\u0000" },
        { "eyeCondition", $"\"{Name201}\"", "healthExam.eyeCondition", Name201 },
        { "eyeCondition", "[]", "healthExam.eyeCondition", "[]" },
        { "congenitalCondition", "{}", "healthExam.congenitalCondition", "{}" },
        { "congenitalCondition", "\"a\\u0001\"", "healthExam.congenitalCondition", "a\u0001" },
        { "spineCondition", "\"scoliosis\\u0000\"", "healthExam.spineCondition", "scoliosis\\u0000" },
        { "canSwim", "\"yes\"", "healthExam.canSwim", "yes" },
        { "canSwim", "1", "healthExam.canSwim", "1" },
        { "updatedAt", "\"yesterday\"", "healthExam.updatedAt", "yesterday" },
        { "updatedAt", null, "healthExam.updatedAt", "" },
    };

    [Theory]
    [MemberData(nameof(StudentBadValues))]
    public void Student_impossible_value_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapStudent(With(Student, field, raw), ListingSchool), GoodStudent(), canonical, kept);

    [Fact]
    public void Student_table_has_every_field_but_the_key() =>
        AssertCoversEvery(StudentBadValues, 2,
            "moetCode", "personalId", "fullName", "dateOfBirth", "gender", "ethnicityCode", "fatherName", "motherName", "schoolCode",
            "grade", "className", "status", "updatedAt");

    [Theory]
    [MemberData(nameof(StaffBadValues))]
    public void Staff_impossible_value_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapStaff(With(Staff, field, raw), ListingSchool), GoodStaff(), canonical, kept);

    [Fact]
    public void Staff_table_has_every_field_but_the_key() =>
        AssertCoversEvery(StaffBadValues, 2,
            "moetCode", "personalId", "fullName", "dateOfBirth", "gender", "schoolCode", "position", "status", "updatedAt");

    [Theory]
    [MemberData(nameof(ExamBadValues))]
    public void Exam_impossible_value_keeps_the_exam_with_that_finding_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(Sms().MapHealthExam(With(Exam, field, raw), "22000123"), GoodExam(), canonical, kept);

    [Fact]
    public void Exam_table_has_every_field_but_the_keys() =>
        AssertCoversEvery(ExamBadValues, 2,
            "healthExam.examDate", "healthExam.heightCm", "healthExam.weightKg", "healthExam.bmi", "healthExam.bloodGroup",
            "healthExam.eyeCondition", "healthExam.congenitalCondition", "healthExam.spineCondition", "healthExam.canSwim",
            "healthExam.updatedAt");

    [Theory]
    [InlineData("fullName", "fullName")]
    [InlineData("dateOfBirth", "dateOfBirth")]
    [InlineData("personalId", "personalId")]
    [InlineData("moetCode", "moetCode")]
    [InlineData("status", "status")]
    [InlineData("schoolCode", "schoolCode")]
    [InlineData("updatedAt", "updatedAt")]
    public void Student_text_that_is_not_utf8_is_unreadable_and_kept_readable(string field, string canonical)
    {
        var mapped = Sms().MapStudent(WithInvalidUtf8(Student, field), ListingSchool);

        var kept = Assert.Contains(canonical, mapped.Record?.Unreadable ?? new Dictionary<string, string>());
        Assert.Contains(InvalidUtf8Text, kept, StringComparison.Ordinal);
        AssertUnreadable(mapped, GoodStudent(), canonical, kept);
    }

    [Fact]
    public void Exam_text_that_is_not_utf8_is_unreadable_and_kept_readable()
    {
        var mapped = Sms().MapHealthExam(WithInvalidUtf8(Exam, "eyeCondition"), "22000123");

        var kept = Assert.Contains("healthExam.eyeCondition", mapped.Record?.Unreadable ?? new Dictionary<string, string>());
        Assert.Contains(InvalidUtf8Text, kept, StringComparison.Ordinal);
        AssertUnreadable(mapped, GoodExam(), "healthExam.eyeCondition", kept);
    }

    [Theory]
    [InlineData("status", "suspended")]
    [InlineData("status", "working")]
    [InlineData("ethnicityCode", "99")]
    [InlineData("ethnicityCode", "7")]
    [InlineData("ethnicityCode", "999")]
    public void Student_code_the_list_lacks_is_kept_as_sent(string field, string code) =>
        AssertUnknownCode(Sms().MapStudent(With(Student, field, $"\"{code}\""), ListingSchool), GoodStudent(), field, code);

    [Theory]
    [InlineData("position", "janitor")]
    [InlineData("position", "vice_principal")]
    [InlineData("status", "on_leave")]
    [InlineData("status", "studying")]
    public void Staff_code_the_list_lacks_is_kept_as_sent(string field, string code) =>
        AssertUnknownCode(Sms().MapStaff(With(Staff, field, $"\"{code}\""), ListingSchool), GoodStaff(), field, code);

    [Fact]
    public void Code_the_list_lacks_is_kept_trimmed()
    {
        AssertUnknownCode(Sms().MapStudent(With(Student, "status", "\"  suspended \""), ListingSchool), GoodStudent(), "status", "suspended");
        AssertUnknownCode(Sms().MapStaff(With(Staff, "position", "\" janitor\\t\""), ListingSchool), GoodStaff(), "position", "janitor");
    }

    [Fact]
    public void Known_codes_are_active_or_not_by_their_status()
    {
        Assert.True(GoodStudent().IsActive);
        Assert.True(GoodStaff().IsActive);
        Assert.False(Sms().MapStudent(With(Student, "status", "\"graduated\""), ListingSchool).Record!.IsActive);
        Assert.False(Sms().MapStaff(With(Staff, "status", "\"left\""), ListingSchool).Record!.IsActive);
    }

    [Theory]
    // Key, MOET code and personal ID as raw JSON (null: absent); what the quarantine holds; the placeholder, if any.
    [InlineData(null, "\"2200184213\"", "\"022312001234\"", null, "studentId: missing", "quarantined:moet:2200184213", "2200184213", "022312001234")]
    [InlineData(null, "\" 2200184213 \"", null, null, "studentId: missing", "quarantined:moet:2200184213", "2200184213", null)]
    [InlineData(null, null, "\"022 312.001-234\"", null, "studentId: missing", "quarantined:id:022312001234", null, "022312001234")]
    [InlineData(null, null, "22312001234", null, "studentId: missing", "quarantined:id:22312001234", null, "22312001234")]
    [InlineData(null, "\"22001842\"", "\"022312001234\"", null, "studentId: missing|moetCode: '22001842' is not 10 digits", "quarantined:id:022312001234", null, "022312001234")]
    [InlineData(null, "2200184213", null, null, "studentId: missing|moetCode: expected a string, got a number '2200184213'", null, null, null)]
    [InlineData(null, null, null, null, "studentId: missing", null, null, null)]
    [InlineData("\"  \"", null, "\"022312\\u0000001234\"", null, "studentId: blank|personalId: contains a control character", null, null, null)]
    [InlineData("1842", "\"2200184213\"", null, null, "studentId: expected a string, got a number '1842'", "quarantined:moet:2200184213", "2200184213", null)]
    [InlineData("[\"S-1\"]", null, null, null, "studentId: expected a string, got an array", null, null, null)]
    [InlineData("\"S-00018420000000000000000000000000000000000000000000000000000000000\"", "\"2200184213\"", "\"022312001234\"",
        "S-00018420000000000000000000000000000000000000000000000000000000000", "studentId: longer than 64 characters",
        "quarantined:moet:2200184213", "2200184213", "022312001234")]
    [InlineData("\"S-1\\u0000\"", "\"2200184213\"", null, "S-1\u0000", "studentId: contains a control character", "quarantined:moet:2200184213", "2200184213", null)]
    public void Student_without_a_readable_key_is_quarantined_whole(
        string? key, string? moetCode, string? personalId, string? quarantinedKey, string reasons, string? placeholderKey, string? placeholderMoet, string? placeholderId)
    {
        var element = WithAll(Student, ("studentId", key), ("moetCode", moetCode), ("personalId", personalId));

        var quarantined = AssertQuarantined(Sms().MapStudent(element, ListingSchool), element);

        Assert.Equal(reasons.Split('|'), quarantined.Reasons);
        Assert.Equal(quarantinedKey, quarantined.SourceKey);
        if (placeholderKey is null)
        {
            Assert.Null(quarantined.Placeholder);
        }
        else
        {
            AssertPlaceholder(quarantined, Source.Sms, PersonKind.Student, placeholderKey, placeholderMoet, placeholderId, "22000123");
        }
    }

    [Fact]
    public void Student_quarantined_with_other_bad_fields_gives_every_reason()
    {
        var element = WithAll(Student, ("studentId", null), ("dateOfBirth", "\"31/02/2012\""), ("status", "\"XYZ\""), ("grade", "14"));

        var quarantined = AssertQuarantined(Sms().MapStudent(element, ListingSchool), element);

        Assert.Equal(
            [
                "studentId: missing",
                "dateOfBirth: '31/02/2012' is not a date (yyyy-MM-dd)",
                "status: 'XYZ' is not a code",
                "grade: 14 is outside 0..12",
            ],
            quarantined.Reasons);
        AssertPlaceholder(quarantined, Source.Sms, PersonKind.Student, "quarantined:moet:2200184213", "2200184213", "022312001234", "22000123");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("22000123")]
    public void Placeholder_without_a_readable_school_is_the_listings(string? rawSchool)
    {
        var element = WithAll(Student, ("studentId", null), ("schoolCode", rawSchool));

        var quarantined = AssertQuarantined(Sms().MapStudent(element, ListingSchool), element);

        AssertPlaceholder(quarantined, Source.Sms, PersonKind.Student, "quarantined:moet:2200184213", "2200184213", "022312001234", ListingSchool);
    }

    // A school code that is read but breaks its rule (a control character, over 64 characters) is unreadable like one that
    // cannot be read, so the record's school is the listing's. Today the completion keeps the bad code in the record (and
    // in a placeholder): PersonFields.Without leaves schoolCode as it is.
    [Theory]
    [InlineData("\"2200\\u00000123\"", "2200\\u00000123")]
    [InlineData("\"22000123220001232200012322000123220001232200012322000123220001231\"", "22000123220001232200012322000123220001232200012322000123220001231")]
    public void School_code_that_breaks_its_rule_is_the_listings(string raw, string kept)
    {
        AssertUnreadable(Sms().MapStudent(With(Student, "schoolCode", raw), ListingSchool), GoodStudent(), "schoolCode", kept);

        var element = WithAll(Student, ("studentId", null), ("schoolCode", raw));
        var quarantined = AssertQuarantined(Sms().MapStudent(element, ListingSchool), element);
        Assert.Equal(ListingSchool, quarantined.Placeholder?.SchoolCode);
    }

    [Theory]
    [InlineData(null, "\"2200031101\"", "\"022086004321\"", "staffId: missing", "quarantined:moet:2200031101", "2200031101", "022086004321")]
    [InlineData(null, null, "\"022086004321\"", "staffId: missing", "quarantined:id:022086004321", null, "022086004321")]
    [InlineData(null, "\"ABC\"", null, "staffId: missing|moetStaffCode: 'ABC' is not 10 digits", null, null, null)]
    [InlineData("311", null, null, "staffId: expected a string, got a number '311'", null, null, null)]
    [InlineData("\"\"", "\"2200031101\"", null, "staffId: blank", "quarantined:moet:2200031101", "2200031101", null)]
    public void Staff_without_a_readable_key_is_quarantined_whole(
        string? key, string? moetCode, string? personalId, string reasons, string? placeholderKey, string? placeholderMoet, string? placeholderId)
    {
        var element = WithAll(Staff, ("staffId", key), ("moetStaffCode", moetCode), ("personalId", personalId));

        var quarantined = AssertQuarantined(Sms().MapStaff(element, ListingSchool), element);

        Assert.Equal(reasons.Split('|'), quarantined.Reasons);
        if (placeholderKey is null)
        {
            Assert.Null(quarantined.Placeholder);
        }
        else
        {
            AssertPlaceholder(quarantined, Source.Sms, PersonKind.Staff, placeholderKey, placeholderMoet, placeholderId, "22000123");
        }
    }

    [Theory]
    [InlineData("examId", null, null, "examId: missing")]
    [InlineData("examId", "\" \"", null, "examId: blank")]
    [InlineData("examId", "77120", null, "examId: expected a string, got a number '77120'")]
    [InlineData("studentId", null, "H-77120", "studentId: missing")]
    [InlineData("studentId", "{}", "H-77120", "studentId: expected a string, got an object")]
    public void Exam_without_a_readable_key_is_quarantined_whole_and_never_has_a_placeholder(
        string field, string? raw, string? quarantinedKey, string reason)
    {
        // Even with a MOET code and a personal ID beside it: an exam is not a person.
        var element = WithAll(Exam, (field, raw), ("moetCode", "\"2200184213\""), ("personalId", "\"022312001234\""));

        var quarantined = AssertQuarantined(Sms().MapHealthExam(element, "22000123"), element);

        Assert.Equal([reason], quarantined.Reasons);
        Assert.Equal(quarantinedKey, quarantined.SourceKey);
        Assert.Null(quarantined.Placeholder);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"S-0001842\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void Record_that_is_not_an_object_is_quarantined_without_a_placeholder(string json)
    {
        var element = Parse(json);

        foreach (var mapped in new[] { Sms().MapStudent(element, ListingSchool), Sms().MapStaff(element, ListingSchool) })
        {
            var quarantined = AssertQuarantined(mapped, element);
            Assert.Null(quarantined.Placeholder);
            Assert.Null(quarantined.SourceKey);
        }

        Assert.Null(AssertQuarantined(Sms().MapHealthExam(element, "22000123"), element).Placeholder);
    }

    [Theory]
    [MemberData(nameof(SameInstants), MemberType = typeof(MapperFixture))]
    public void Timestamps_with_any_offset_are_the_same_instant_in_utc(string instant)
    {
        var student = Sms().MapStudent(With(Student, "updatedAt", $"\"{instant}\""), ListingSchool).Record;
        var staff = Sms().MapStaff(With(Staff, "updatedAt", $"\"{instant}\""), ListingSchool).Record;
        var exam = Sms().MapHealthExam(With(Exam, "updatedAt", $"\"{instant}\""), "22000123").Record;

        AssertSameRecord(GoodStudent() with { UpdatedAt = TheInstant }, student);
        AssertSameRecord(GoodStaff() with { UpdatedAt = TheInstant }, staff);
        AssertSameRecord(GoodExam() with { UpdatedAt = TheInstant }, exam);
        Assert.Equal(TimeSpan.Zero, student!.UpdatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, staff!.UpdatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, exam!.UpdatedAt.Offset);
    }

    [Theory]
    [InlineData("01/10/2026")]
    [InlineData("10/01/2026 07:15:00 +07:00")]
    [InlineData("2026-10-01")]
    [InlineData("Thu, 01 Oct 2026 07:15:00 GMT")]
    public void Timestamp_not_in_iso_form_is_unreadable_not_guessed(string text)
    {
        // A general parser reads 01/10/2026 month first; a Vietnamese system means day first.
        var mapped = Sms().MapStudent(With(Student, "updatedAt", $"\"{text}\""), ListingSchool);

        Assert.Equal(text, Assert.Contains("updatedAt", mapped.Record?.Unreadable ?? new Dictionary<string, string>()));
        Assert.Equal(DateTimeOffset.MinValue, mapped.Record!.UpdatedAt);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_kept_without_its_json_quotes()
    {
        var kept = Sms().MapStudent(WithInvalidUtf8(Student, "fullName"), ListingSchool).Record!.Unreadable![Fields.FullName];

        Assert.False(kept.StartsWith('"') || kept.EndsWith('"'), kept);
    }

    [Fact]
    public void Keys_codes_and_text_between_spaces_read_as_without()
    {
        AssertSameRecord(GoodStudent(), Sms().MapStudent(Padded(Student), ListingSchool).Record);
        AssertSameRecord(GoodStaff(), Sms().MapStaff(Padded(Staff), ListingSchool).Record);
        AssertSameRecord(GoodExam(), Sms().MapHealthExam(Padded(Exam), "22000123").Record);
    }

    [Fact]
    public void Extra_properties_and_property_order_change_nothing()
    {
        AssertSameRecord(GoodStudent(), Sms().MapStudent(Reordered(Student), ListingSchool).Record);
        AssertSameRecord(GoodStaff(), Sms().MapStaff(Reordered(Staff), ListingSchool).Record);
        AssertSameRecord(GoodExam(), Sms().MapHealthExam(Reordered(Exam), "22000123").Record);
    }

    [Theory]
    [InlineData("TH", "TH")]
    [InlineData("LIEN_CAP", "LIEN_CAP")]
    [InlineData(" THCS ", "THCS")]
    [InlineData("Tiểu học", null)]
    public void School_level_the_list_lacks_is_kept_as_sent(string level, string? expected)
    {
        var element = Parse($$"""{"schoolCode": "22000123", "name": "Trường THCS Cộng Hòa", "level": "{{level}}", "provinceCode": "22"}""");

        var school = SmsRecordMapper.MapSchool(element).Record;

        Assert.Equal(new SchoolRecord("22000123", "Trường THCS Cộng Hòa", expected, null, "22"), school);
    }
}
