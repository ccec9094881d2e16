using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

public sealed class MismatchGuidanceTests
{
    [Theory]
    [InlineData(MismatchKinds.HealthNotSynced, null, null, FixTarget.Sms, "sức khỏe")]
    [InlineData(MismatchKinds.IdMissing, "sms", null, FixTarget.Sms, "SMS chưa có số định danh")]
    [InlineData(MismatchKinds.IdMissing, "national", null, FixTarget.National, "CSDL ngành chưa có số định danh")]
    [InlineData(MismatchKinds.IdInvalid, "leading_zero_lost", null, FixTarget.Sms, "11 chữ số")]
    [InlineData(MismatchKinds.IdInvalid, "legacy_cmnd", null, FixTarget.Sms, "CMND")]
    [InlineData(MismatchKinds.IdInvalid, "gender_digit", null, FixTarget.Family, "giới tính")]
    [InlineData(MismatchKinds.IdInvalid, "birth_year", null, FixTarget.Sms, "năm sinh")]
    [InlineData(MismatchKinds.IdUnverified, PopulationCheckStatus.NotFound, null, FixTarget.Family, "Không tìm thấy")]
    [InlineData(MismatchKinds.IdDuplicate, null, null, FixTarget.Sms, "nhiều hồ sơ")]
    [InlineData(MismatchKinds.MissingInNational, null, null, FixTarget.Sms, "Gửi lại hồ sơ")]
    [InlineData(MismatchKinds.MissingInSms, null, null, FixTarget.Sms, "không có trên SMS")]
    [InlineData(MismatchKinds.FieldMismatch, "schoolCode", "schoolCode", FixTarget.National, "chuyển trường")]
    [InlineData(MismatchKinds.FieldMismatch, "className", "className", FixTarget.National, "gửi lại hồ sơ từ SMS")]
    [InlineData(MismatchKinds.ProvincialStale, "missing", null, FixTarget.Operator, "CSDL tỉnh chưa nhận")]
    public void For_names_the_system_to_change_in_vietnamese(string kind, string? detail, string? field, FixTarget target, string expected)
    {
        var guidance = MismatchGuidance.For(kind, detail, field, "2026-09-20", null, null, nationalVerified: false);

        Assert.Equal(target, guidance.Target);
        Assert.Contains(expected, guidance.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void For_an_identity_field_prefers_the_verified_national_value()
    {
        var verified = MismatchGuidance.For(MismatchKinds.FieldMismatch, "fullName", "fullName", "Nguyễn Văn An", "Nguyễn Văn Ân", null, nationalVerified: true);
        var unverified = MismatchGuidance.For(MismatchKinds.FieldMismatch, "fullName", "fullName", "Nguyễn Văn An", "Nguyễn Văn Ân", null, nationalVerified: false);

        Assert.Equal(FixTarget.Sms, verified.Target);
        Assert.Contains("đã được xác thực", verified.Text);
        Assert.Contains("«Nguyễn Văn An»", verified.Text);
        Assert.Equal(FixTarget.Family, unverified.Target);
    }

    [Fact]
    public void For_an_outdated_provincial_copy_lists_the_differing_fields_by_their_vietnamese_names()
    {
        var guidance = MismatchGuidance.For(MismatchKinds.ProvincialStale, "outdated", null, null, null, "className, fullName", nationalVerified: false);

        Assert.Contains("lớp, họ và tên", guidance.Text);
    }
}
