using System.Text.RegularExpressions;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

public sealed partial class MismatchGuidanceTests
{
    private static readonly ItemPerson Pupil = new(
        WireNames.Sms, "S-0000123", "Nguyễn Thị Thu Hà", new DateOnly(2013, 3, 9), WireNames.Female, 8, "8A2", null, "22000101", "2200184213");

    private static readonly ItemPerson Teacher = new(
        WireNames.Sms, "T-000031", "Phạm Văn Đức", new DateOnly(1986, 11, 30), WireNames.Male, null, null, StaffPosition.Teacher, "22000101", "2200031101");

    private static GuidanceFacts Facts(
        string kind, string? detail = null, string? field = null, string? side = null, string? sms = null, string? national = null,
        string? provincial = null, bool verified = false, ItemPerson? person = null, string personKind = WireNames.Student, string? id = null) =>
        new(kind, detail, field, side, personKind, sms, national, provincial, verified, id, person?.SourceKey, person?.MoetCode, person);

    [Theory]
    [InlineData(MismatchKinds.HealthNotSynced, null, null, null, FixTarget.Sms, "Gửi lại kết quả khám sức khỏe ngày 20/09/2026")]
    [InlineData(MismatchKinds.IdMissing, "sms", null, "sms", FixTarget.Sms, "SMS chưa có số định danh")]
    [InlineData(MismatchKinds.IdMissing, "national", null, "national", FixTarget.National, "CSDL ngành chưa có số định danh")]
    [InlineData(MismatchKinds.IdDuplicate, null, null, "sms", FixTarget.Sms, "cũng đang gắn với hồ sơ khác đang học trên SMS")]
    [InlineData(MismatchKinds.MissingInNational, null, null, "sms", FixTarget.Sms, "Gửi lại hồ sơ này từ SMS lên CSDL ngành")]
    [InlineData(MismatchKinds.MissingInSms, null, null, "national", FixTarget.Sms, "nhập mã định danh ngành 2200184213 vào SMS cho học sinh Nguyễn Thị Thu Hà, lớp 8A2")]
    [InlineData(MismatchKinds.ProvincialStale, "missing", null, "provincial", FixTarget.Operator, "CSDL tỉnh chưa nhận hồ sơ của học sinh Nguyễn Thị Thu Hà")]
    public void For_names_the_person_and_the_system_to_change(string kind, string? detail, string? field, string? side, FixTarget target, string expected)
    {
        var guidance = MismatchGuidance.For(Facts(kind, detail, field, side, sms: "2026-09-20", person: Pupil));

        Assert.Equal(target, guidance.Target);
        Assert.Contains(expected, guidance.Text);
        Assert.Contains("Nguyễn Thị Thu Hà", guidance.Text);
    }

    [Fact]
    public void For_an_identity_field_verified_nationally_names_the_value_to_enter_in_the_sms()
    {
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.DateOfBirth, Fields.DateOfBirth, null, "2013-03-19", "2013-03-09",
            verified: true, person: Pupil));

        Assert.Equal(FixTarget.Sms, guidance.Target);
        Assert.Equal(
            "Sửa ngày sinh của học sinh Nguyễn Thị Thu Hà, lớp 8A2 trên SMS thành «09/03/2013» (SMS đang ghi «19/03/2013»): giá trị trên CSDL ngành đã "
            + "được xác thực với CSDL dân cư nên nhiều khả năng đúng.",
            guidance.Text);
    }

    [Fact]
    public void For_an_unverified_identity_field_sends_the_clerk_to_the_family_or_the_staff_member()
    {
        var pupil = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.FullName, Fields.FullName, null, "Nguyễn Văn An", "Nguyễn Văn Ân", person: Pupil));
        var teacher = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.FullName, Fields.FullName, null, "Phạm Văn Đức", "Phạm Văn Đực",
            person: Teacher, personKind: WireNames.Staff));

        Assert.Equal(FixTarget.Family, pupil.Target);
        Assert.Contains("«Nguyễn Văn An»", pupil.Text);
        Assert.Contains("giấy khai sinh cùng gia đình", pupil.Text);
        Assert.Contains("giáo viên Phạm Văn Đức", teacher.Text);
        Assert.Contains("thẻ căn cước với chính giáo viên đó", teacher.Text);
        Assert.DoesNotContain("học sinh", teacher.Text);
        Assert.DoesNotContain("gia đình", teacher.Text);
        Assert.Equal("Xác minh với người được ghi tên", Labels.FixTarget(FixTarget.Family, WireNames.Staff));
    }

    [Fact]
    public void For_an_enrolment_field_names_the_sms_value_to_send_nationally_in_vietnamese()
    {
        var status = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.Status, Fields.Status, null, "studying", "transferred_out", person: Pupil));
        var ethnicity = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.EthnicityCode, Fields.EthnicityCode, null, "01", "04", person: Pupil));
        var school = MismatchGuidance.For(Facts(MismatchKinds.FieldMismatch, Fields.SchoolCode, Fields.SchoolCode, null, "22000101", "22000105",
            person: Pupil) with
        { SchoolName = code => code == "22000105" ? "Trường THCS Cẩm Phả" : null });

        Assert.Equal(FixTarget.National, status.Target);
        Assert.Contains("thành «Đang học» (CSDL ngành đang ghi «Đã chuyển đi»)", status.Text);
        Assert.Contains("thành «Kinh» (CSDL ngành đang ghi «Hoa»)", ethnicity.Text);
        Assert.Contains("«Trường THCS Cẩm Phả (22000105)»", school.Text);
        Assert.Contains("chuyển trường", school.Text);
    }

    [Fact]
    public void For_a_gender_digit_defect_shows_that_digit_and_what_it_means_but_never_the_whole_id()
    {
        const string id = "022313004567";
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.IdInvalid, "gender_digit", null, "sms", sms: id, person: Pupil with { Gender = WireNames.Male },
            id: id));

        Assert.Equal(FixTarget.Family, guidance.Target);
        Assert.Contains("Chữ số thứ 4 của số định danh (0223*****567) là 3", guidance.Text);
        Assert.Contains("giới tính Nữ", guidance.Text);
        Assert.Contains("ghi giới tính Nam", guidance.Text);
        Assert.DoesNotContain(id, guidance.Text);
        Assert.DoesNotMatch(TwelveDigits(), guidance.Text);
    }

    [Fact]
    public void For_a_birth_year_defect_shows_the_year_digits_and_the_recorded_birth_date()
    {
        const string id = "022312004567";
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.IdInvalid, "birth_year", null, "sms", sms: id, person: Pupil, id: id));

        Assert.Contains("(022312***567) cho năm sinh 2012", guidance.Text);
        Assert.Contains("ghi ngày sinh 09/03/2013", guidance.Text);
        Assert.DoesNotMatch(TwelveDigits(), guidance.Text);
    }

    [Theory]
    [InlineData("leading_zero_lost", "22313004567", "11 chữ số")]
    [InlineData("legacy_cmnd", "123456789", "CMND")]
    [InlineData("unknown_province_code", "999313004567", "Ba chữ số đầu")]
    [InlineData("format", "02231300456A", "không hợp lệ")]
    public void For_other_id_defects_quotes_the_id_masked(string detail, string id, string expected)
    {
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.IdInvalid, detail, null, "national", national: id, person: Pupil, id: id));

        Assert.Equal(FixTarget.National, guidance.Target);
        Assert.Contains(expected, guidance.Text);
        Assert.Contains("trên CSDL ngành", guidance.Text);
        Assert.DoesNotContain(id, guidance.Text);
    }

    [Fact]
    public void For_a_disputed_population_check_names_the_disputed_fields()
    {
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.IdUnverified, PopulationCheckStatus.Disputed, null, "national",
            national: "fullName, motherName", person: Pupil));

        Assert.Contains("báo sai họ và tên, họ tên mẹ của học sinh Nguyễn Thị Thu Hà, lớp 8A2", guidance.Text);
    }

    [Fact]
    public void For_an_outdated_provincial_copy_lists_the_differing_fields_by_their_vietnamese_names()
    {
        var guidance = MismatchGuidance.For(MismatchKinds.ProvincialStale, "outdated", null, null, null, "className, fullName", nationalVerified: false);

        Assert.Contains("lớp, họ và tên", guidance.Text);
        Assert.Contains("trường không cần làm gì", guidance.Text);
    }

    [Fact]
    public void For_an_unreadable_value_says_what_was_sent_in_words()
    {
        var date = MismatchGuidance.For(Facts(MismatchKinds.UnreadableValue, Fields.DateOfBirth, Fields.DateOfBirth, "sms", sms: "2012-02-31", person: Pupil));
        var list = MismatchGuidance.For(Facts(MismatchKinds.UnreadableValue, Fields.Gender, Fields.Gender, "national", national: "[\"male\",\"female\"]", person: Pupil));

        Assert.Equal(FixTarget.Sms, date.Target);
        Assert.Contains("«31/02/2012»", date.Text);
        Assert.Equal(FixTarget.Operator, list.Target);
        Assert.DoesNotContain("male", list.Text);
        Assert.Contains("một danh sách nhiều giá trị", list.Text);
    }

    [Fact]
    public void Without_a_known_person_the_guidance_names_the_codes_to_look_up()
    {
        var guidance = MismatchGuidance.For(Facts(MismatchKinds.RecordQuarantined, "sms", null, "sms") with { MoetCode = "2200184213" });

        Assert.Contains("học sinh có mã định danh ngành 2200184213", guidance.Text);
    }

    [GeneratedRegex(@"\d{12}")]
    private static partial Regex TwelveDigits();
}
