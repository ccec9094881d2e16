using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;
using static DigitalEdu.Tests.Connectors.ProvincialAndNationalMapperTests;

namespace DigitalEdu.Tests.Connectors;

/// <summary>
/// The reading rules (src/DigitalEdu.Sync/Reconcile/README.md, "Reading: every field has a role") on the national MOET
/// database's students and staff, nested objects included (XAC_THUC_DAN_CU, SUC_KHOE: canonical names populationCheck.*
/// and nationalHealth.*). Its key is the MOET code, so a quarantined record can only be attributed by its personal ID.
/// </summary>
public sealed class NationalReadingRulesTests
{
    private static readonly string Name201 = new('N', 201);
    private static readonly string Text51 = new('T', 51);

    /// <summary>The national staff sample with a working status, so that a status the list lacks shows as not active.</summary>
    private static readonly string Staff = With(NationalStaff, "MA_TRANG_THAI", "\"DANG_LAM_VIEC\"").GetRawText();

    public static TheoryData<string, string?, string, string> StudentBadValues => new()
    {
        { "MA_DINH_DANH", "{}", "personalId", "{}" },
        { "MA_DINH_DANH", "\"022312\\u0000001234\"", "personalId", "022312\\u0000001234" },
        { "HO_TEN", "42", "fullName", "42" },
        { "HO_TEN", $"\"{Name201}\"", "fullName", Name201 },
        { "HO_TEN", null, "fullName", "" },
        { "NGAY_SINH", "\"2012-03-09\"", "dateOfBirth", "2012-03-09" },
        { "NGAY_SINH", "\"31/12/1899\"", "dateOfBirth", "31/12/1899" },
        { "NGAY_SINH", "\"21/11/2026\"", "dateOfBirth", "21/11/2026" },
        { "NGAY_SINH", "\"29/02/2013\"", "dateOfBirth", "29/02/2013" },
        { "MA_GIOI_TINH", "\"03\"", "gender", "03" },
        { "MA_GIOI_TINH", "3", "gender", "3" },
        { "MA_GIOI_TINH", "\"nam\"", "gender", "nam" },
        { "MA_GIOI_TINH", null, "gender", "" },
        { "MA_DAN_TOC", "\"0101\"", "ethnicityCode", "0101" },
        { "MA_DAN_TOC", "1", "ethnicityCode", "1" },
        { "TEN_CHA", $"\"{Name201}\"", "fatherName", Name201 },
        { "TEN_ME", "\"Lan\\u0000\"", "motherName", "Lan\\u0000" },
        { "TRUONG_ID", null, "schoolCode", "" },
        { "TRUONG_ID", "22000123", "schoolCode", "22000123" },
        { "KHOI", "13", "grade", "13" },
        { "KHOI", "8.5", "grade", "8.5" },
        { "LOP", $"\"{Text51}\"", "className", Text51 },
        { "MA_TRANG_THAI", "\"dang_hoc\"", "status", "dang_hoc" },
        { "MA_TRANG_THAI", null, "status", "" },
        { "NGAY_CAP_NHAT", "\"yesterday\"", "updatedAt", "yesterday" },
        { "XAC_THUC_DAN_CU", "\"x\"", "populationCheck", "x" },
        { "XAC_THUC_DAN_CU", "[]", "populationCheck", "[]" },
        { "XAC_THUC_DAN_CU.TRANG_THAI", "\"ok\"", "populationCheck.status", "ok" },
        { "XAC_THUC_DAN_CU.TRANG_THAI", "1", "populationCheck.status", "1" },
        { "XAC_THUC_DAN_CU.TRANG_THAI", null, "populationCheck.status", "" },
        { "XAC_THUC_DAN_CU.THOI_DIEM", "\"yesterday\"", "populationCheck.checkedAt", "yesterday" },
        { "XAC_THUC_DAN_CU.THOI_DIEM", "1", "populationCheck.checkedAt", "1" },
        { "XAC_THUC_DAN_CU.TRUONG_SAI", "\"HO_TEN\"", "populationCheck.disputedFields", "HO_TEN" },
        { "XAC_THUC_DAN_CU.TRUONG_SAI", "[1]", "populationCheck.disputedFields", "[1]" },
        { "SUC_KHOE", "\"none\"", "nationalHealth", "none" },
        { "SUC_KHOE", "[]", "nationalHealth", "[]" },
        { "SUC_KHOE.NGAY_KHAM", "\"2025-09-20\"", "nationalHealth.examDate", "2025-09-20" },
        { "SUC_KHOE.NGAY_KHAM", "\"31/12/1899\"", "nationalHealth.examDate", "31/12/1899" },
        { "SUC_KHOE.NGAY_KHAM", "\"21/11/2026\"", "nationalHealth.examDate", "21/11/2026" },
        { "SUC_KHOE.NGAY_KHAM", null, "nationalHealth.examDate", "" },
        { "SUC_KHOE.CHIEU_CAO", "\"148\"", "nationalHealth.heightCm", "148" },
        { "SUC_KHOE.CHIEU_CAO", "-148", "nationalHealth.heightCm", "-148" },
        { "SUC_KHOE.CAN_NANG", "-1", "nationalHealth.weightKg", "-1" },
        { "SUC_KHOE.CHI_SO_BMI", "true", "nationalHealth.bmi", "true" },
        { "SUC_KHOE.NHOM_MAU", $"\"{Text51}\"", "nationalHealth.bloodGroup", Text51 },
        { "SUC_KHOE.NHOM_MAU", "\"O\\u0000\"", "nationalHealth.bloodGroup", "O\\u0000" },
        { "SUC_KHOE.BENH_VE_MAT", $"\"{Name201}\"", "nationalHealth.eyeCondition", Name201 },
        { "SUC_KHOE.BENH_BAM_SINH", "{}", "nationalHealth.congenitalCondition", "{}" },
        { "SUC_KHOE.BENH_COT_SONG", "\"a\\u0001\"", "nationalHealth.spineCondition", "a\u0001" },
        { "SUC_KHOE.BIET_BOI", "\"co\"", "nationalHealth.canSwim", "co" },
    };

    public static TheoryData<string, string?, string, string> StaffBadValues => new()
    {
        { "MA_DINH_DANH", "[]", "personalId", "[]" },
        { "HO_TEN", null, "fullName", "" },
        { "NGAY_SINH", "\"31/11/1986\"", "dateOfBirth", "31/11/1986" },
        { "MA_GIOI_TINH", "\"00\"", "gender", "00" },
        { "TRUONG_ID", "{}", "schoolCode", "{}" },
        { "VI_TRI", "\"giao_vien\"", "position", "giao_vien" },
        { "VI_TRI", null, "position", "" },
        { "MA_TRANG_THAI", "\"Nghi_viec\"", "status", "Nghi_viec" },
        { "MA_TRANG_THAI", null, "status", "" },
        { "NGAY_CAP_NHAT", "\"2026-13-01T00:00:00Z\"", "updatedAt", "2026-13-01T00:00:00Z" },
        { "XAC_THUC_DAN_CU", "1", "populationCheck", "1" },
        { "XAC_THUC_DAN_CU.TRANG_THAI", "\"da_xac_thuc\"", "populationCheck.status", "da_xac_thuc" },
        { "XAC_THUC_DAN_CU.THOI_DIEM", "\"soon\"", "populationCheck.checkedAt", "soon" },
        { "XAC_THUC_DAN_CU.TRUONG_SAI", "{}", "populationCheck.disputedFields", "{}" },
    };

    [Theory]
    [MemberData(nameof(StudentBadValues))]
    public void Student_impossible_value_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(National().MapStudent(With(NationalStudent, field, raw), ListingSchool), GoodNationalStudent(), canonical, kept);

    [Fact]
    public void Student_table_has_every_field_but_the_key() =>
        AssertCoversEvery(StudentBadValues, 2,
            "personalId", "fullName", "dateOfBirth", "gender", "ethnicityCode", "fatherName", "motherName", "schoolCode", "grade",
            "className", "status", "updatedAt", "populationCheck", "populationCheck.status", "populationCheck.checkedAt",
            "populationCheck.disputedFields", "nationalHealth", "nationalHealth.examDate", "nationalHealth.heightCm",
            "nationalHealth.weightKg", "nationalHealth.bmi", "nationalHealth.bloodGroup", "nationalHealth.eyeCondition",
            "nationalHealth.congenitalCondition", "nationalHealth.spineCondition", "nationalHealth.canSwim");

    [Theory]
    [MemberData(nameof(StaffBadValues))]
    public void Staff_impossible_value_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(National().MapStaff(With(Staff, field, raw), ListingSchool), GoodStaff(), canonical, kept);

    [Fact]
    public void Staff_table_has_every_field_but_the_key() =>
        AssertCoversEvery(StaffBadValues, 2,
            "personalId", "fullName", "dateOfBirth", "gender", "schoolCode", "position", "status", "updatedAt", "populationCheck",
            "populationCheck.status", "populationCheck.checkedAt", "populationCheck.disputedFields");

    [Theory]
    [InlineData("HO_TEN", "fullName")]
    [InlineData("XAC_THUC_DAN_CU.TRANG_THAI", "populationCheck.status")]
    [InlineData("SUC_KHOE.NHOM_MAU", "nationalHealth.bloodGroup")]
    [InlineData("SUC_KHOE.NGAY_KHAM", "nationalHealth.examDate")]
    public void Student_text_that_is_not_utf8_is_unreadable_and_kept_readable(string field, string canonical)
    {
        var mapped = National().MapStudent(WithInvalidUtf8(NationalStudent, field), ListingSchool);

        var kept = Assert.Contains(canonical, mapped.Record?.Unreadable ?? new Dictionary<string, string>());
        Assert.Contains(InvalidUtf8Text, kept, StringComparison.Ordinal);
        AssertUnreadable(mapped, GoodNationalStudent(), canonical, kept);
    }

    [Theory]
    [InlineData("\"01\"", Gender.Male)]
    [InlineData("\"02\"", Gender.Female)]
    [InlineData("1", Gender.Male)]
    [InlineData("2", Gender.Female)]
    [InlineData("\" 02 \"", Gender.Female)]
    public void Student_gender_is_read_with_or_without_its_leading_zero(string raw, Gender gender) =>
        Assert.Equal(gender, AssertKept(National().MapStudent(With(NationalStudent, "MA_GIOI_TINH", raw), ListingSchool)).Gender);

    [Theory]
    [InlineData("MA_TRANG_THAI", "status", "BAO_LUU")]
    [InlineData("MA_TRANG_THAI", "status", "DANG_LAM_VIEC")]
    [InlineData("MA_DAN_TOC", "ethnicityCode", "56")]
    [InlineData("XAC_THUC_DAN_CU.TRANG_THAI", "populationCheck.status", "DANG_XAC_THUC")]
    public void Student_code_the_list_lacks_is_kept_as_sent(string field, string canonical, string code) =>
        AssertUnknownCode(National().MapStudent(With(NationalStudent, field, $"\"{code}\""), ListingSchool), GoodNationalStudent(), canonical, code);

    [Theory]
    [InlineData("VI_TRI", "position", "BAO_VE")]
    [InlineData("MA_TRANG_THAI", "status", "NGHI_HUU")]
    [InlineData("XAC_THUC_DAN_CU.TRANG_THAI", "populationCheck.status", "DANG_XAC_THUC")]
    public void Staff_code_the_list_lacks_is_kept_as_sent(string field, string canonical, string code) =>
        AssertUnknownCode(National().MapStaff(With(Staff, field, $"\"{code}\""), ListingSchool), GoodStaff(), canonical, code);

    [Fact]
    public void Code_the_list_lacks_is_kept_trimmed() =>
        AssertUnknownCode(
            National().MapStudent(With(NationalStudent, "XAC_THUC_DAN_CU.TRANG_THAI", "\"  DANG_XAC_THUC \""), ListingSchool),
            GoodNationalStudent(), "populationCheck.status", "DANG_XAC_THUC");

    [Fact]
    public void Known_codes_are_active_or_not_by_their_status()
    {
        Assert.True(GoodNationalStudent().IsActive);
        Assert.True(GoodStaff().IsActive);
        Assert.False(GoodNationalStaff().IsActive);
        Assert.False(National().MapStudent(With(NationalStudent, "MA_TRANG_THAI", "\"TOT_NGHIEP\""), ListingSchool).Record!.IsActive);
    }

    [Theory]
    // Key and personal ID as raw JSON (null: absent); the reasons; the placeholder's personal ID, if any.
    [InlineData(null, "\"022312001234\"", "HOC_SINH_ID: missing", "022312001234")]
    [InlineData(null, "\"022.312.001.234\"", "HOC_SINH_ID: missing", "022312001234")]
    [InlineData(null, null, "HOC_SINH_ID: missing", null)]
    [InlineData(null, "\"022312\\u0000001234\"", "HOC_SINH_ID: missing|MA_DINH_DANH: contains a control character", null)]
    [InlineData("2200184213", "\"022312001234\"", "HOC_SINH_ID: expected a string, got a number '2200184213'", "022312001234")]
    [InlineData("\"\"", null, "HOC_SINH_ID: blank", null)]
    public void Student_without_a_readable_key_is_quarantined_whole(string? key, string? personalId, string reasons, string? placeholderId)
    {
        var element = WithAll(NationalStudent, ("HOC_SINH_ID", key), ("MA_DINH_DANH", personalId));

        var quarantined = AssertQuarantined(National().MapStudent(element, ListingSchool), element);

        Assert.Equal(reasons.Split('|'), quarantined.Reasons);
        Assert.Null(quarantined.SourceKey);
        if (placeholderId is null)
        {
            Assert.Null(quarantined.Placeholder);
        }
        else
        {
            AssertPlaceholder(quarantined, Source.National, PersonKind.Student, $"quarantined:id:{placeholderId}", null, placeholderId, "22000123");
        }
    }

    [Fact]
    public void Student_quarantined_with_bad_nested_fields_gives_every_reason()
    {
        var element = WithAll(
            NationalStudent, ("HOC_SINH_ID", null), ("SUC_KHOE.NGAY_KHAM", "\"21/11/2026\""), ("XAC_THUC_DAN_CU.TRANG_THAI", "\"ok\""));

        var quarantined = AssertQuarantined(National().MapStudent(element, ListingSchool), element);

        Assert.Equal(
            [
                "HOC_SINH_ID: missing",
                "XAC_THUC_DAN_CU.TRANG_THAI: 'ok' is not a code",
                "SUC_KHOE.NGAY_KHAM: 2026-11-21 is outside 1900-01-01..today",
            ],
            quarantined.Reasons);
        AssertPlaceholder(quarantined, Source.National, PersonKind.Student, "quarantined:id:022312001234", null, "022312001234", "22000123");
    }

    [Theory]
    [InlineData(null, "\"022086004321\"", "GIAO_VIEN_ID: missing", "022086004321")]
    [InlineData(null, null, "GIAO_VIEN_ID: missing", null)]
    [InlineData("{}", "\"022086004321\"", "GIAO_VIEN_ID: expected a string, got an object", "022086004321")]
    public void Staff_without_a_readable_key_is_quarantined_whole(string? key, string? personalId, string reasons, string? placeholderId)
    {
        var element = WithAll(Staff, ("GIAO_VIEN_ID", key), ("MA_DINH_DANH", personalId), ("TRUONG_ID", "22000123"));

        var quarantined = AssertQuarantined(National().MapStaff(element, ListingSchool), element);

        Assert.Equal([.. reasons.Split('|'), "TRUONG_ID: expected a string, got a number '22000123'"], quarantined.Reasons);
        if (placeholderId is null)
        {
            Assert.Null(quarantined.Placeholder);
        }
        else
        {
            // The record's school cannot be read: the placeholder is the listing's.
            AssertPlaceholder(quarantined, Source.National, PersonKind.Staff, $"quarantined:id:{placeholderId}", null, placeholderId, ListingSchool);
        }
    }

    [Theory]
    [InlineData("\"2200031101\\u001F\"", "GIAO_VIEN_ID: contains a control character")]
    public void Staff_key_that_breaks_its_rule_is_quarantined_with_a_placeholder_by_its_personal_id(string key, string reason)
    {
        var element = With(Staff, "GIAO_VIEN_ID", key);

        var quarantined = AssertQuarantined(National().MapStaff(element, ListingSchool), element);

        Assert.Contains(reason, quarantined.Reasons);
        Assert.Equal("quarantined:id:022086004321", quarantined.Placeholder?.SourceKey);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("2200184213")]
    public void Record_that_is_not_an_object_is_quarantined_without_a_placeholder(string json)
    {
        var element = Parse(json);

        foreach (var mapped in new[] { National().MapStudent(element, ListingSchool), National().MapStaff(element, ListingSchool) })
        {
            var quarantined = AssertQuarantined(mapped, element);
            Assert.Null(quarantined.Placeholder);
            Assert.Null(quarantined.SourceKey);
        }
    }

    [Theory]
    [MemberData(nameof(SameInstants), MemberType = typeof(MapperFixture))]
    public void Timestamps_with_any_offset_are_the_same_instant_in_utc(string instant)
    {
        var updated = National().MapStudent(With(NationalStudent, "NGAY_CAP_NHAT", $"\"{instant}\""), ListingSchool).Record;
        var checkedAt = National().MapStaff(With(Staff, "XAC_THUC_DAN_CU.THOI_DIEM", $"\"{instant}\""), ListingSchool).Record;

        AssertSameRecord(GoodNationalStudent() with { UpdatedAt = TheInstant }, updated);
        Assert.Equal(TimeSpan.Zero, updated!.UpdatedAt.Offset);
        Assert.Equal(TheInstant, checkedAt?.PopulationCheck?.CheckedAt);
        Assert.Equal(TimeSpan.Zero, checkedAt!.PopulationCheck!.CheckedAt!.Value.Offset);
        Assert.Null(checkedAt.Unreadable);
    }

    [Fact]
    public void Keys_codes_and_text_between_spaces_read_as_without()
    {
        AssertSameRecord(GoodNationalStudent(), National().MapStudent(Padded(NationalStudent), ListingSchool).Record);
        AssertSameRecord(GoodStaff(), National().MapStaff(Padded(Staff), ListingSchool).Record);
    }

    [Fact]
    public void Extra_properties_at_any_level_and_property_order_change_nothing()
    {
        AssertSameRecord(GoodNationalStudent(), National().MapStudent(Reordered(NationalStudent), ListingSchool).Record);
        AssertSameRecord(GoodStaff(), National().MapStaff(Reordered(Staff), ListingSchool).Record);
    }

    [Theory]
    [InlineData("TH", "TH")]
    [InlineData("LIEN_CAP", "LIEN_CAP")]
    [InlineData("  TH_THCS ", "TH_THCS")]
    [InlineData("th", null)]
    public void School_level_the_list_lacks_is_kept_as_sent(string level, string? expected)
    {
        var element = Parse($$"""{"TRUONG_ID": "22000123", "TEN_TRUONG": "Trường Tiểu học Cộng Hòa", "CAP_HOC": "{{level}}"}""");

        Assert.Equal(new SchoolRecord("22000123", "Trường Tiểu học Cộng Hòa", expected, null, "22"), NationalRecordMapper.MapSchool(element, "22").Record);
    }

    private static PersonRecord GoodStaff() => National().MapStaff(Parse(Staff), ListingSchool).Record!;
}
