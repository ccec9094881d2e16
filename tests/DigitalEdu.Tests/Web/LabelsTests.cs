using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

/// <summary>Values as a clerk reads them: Vietnamese names for codes, dates as dd/MM/yyyy, people rather than "role:name".</summary>
public sealed class LabelsTests
{
    [Theory]
    [InlineData(Fields.Gender, "female", "Nữ")]
    [InlineData(Fields.Gender, "male", "Nam")]
    [InlineData(Fields.Status, "studying", "Đang học")]
    [InlineData(Fields.Status, "transferred_out", "Đã chuyển đi")]
    [InlineData(Fields.Status, "working", "Đang làm việc")]
    [InlineData(Fields.EthnicityCode, "01", "Kinh")]
    [InlineData(Fields.EthnicityCode, "04", "Hoa")]
    [InlineData(Fields.EthnicityCode, "58", "58")]
    [InlineData(Fields.Position, "teacher", "Giáo viên")]
    [InlineData(Fields.Position, "GIAO_VIEN", "Giáo viên")]
    [InlineData(Fields.DateOfBirth, "2013-03-09", "09/03/2013")]
    [InlineData(Fields.DateOfBirth, "2012-02-31", "31/02/2012")]
    [InlineData(Fields.SmsExamDate, "2026-09-20", "20/09/2026")]
    [InlineData(Fields.DisputedFields, "fullName, motherName", "họ và tên, họ tên mẹ")]
    [InlineData(Fields.FullName, "Nguyễn Thị Thu Hà", "Nguyễn Thị Thu Hà")]
    [InlineData(Fields.ClassName, "8A2", "8A2")]
    public void Value_shows_a_field_value_in_vietnamese(string field, string value, string shown) => Assert.Equal(shown, Labels.Value(field, value));

    [Theory]
    [InlineData(MismatchKinds.HealthNotSynced, null, "2026-09-20", "khám ngày 20/09/2026")]
    [InlineData(MismatchKinds.IdUnverified, null, "fullName, motherName", "sai: họ và tên, họ tên mẹ")]
    [InlineData(MismatchKinds.ProvincialStale, null, "gender, fatherName", "khác ở: giới tính, họ tên cha")]
    [InlineData(MismatchKinds.RecordQuarantined, null, "HOC_SINH_ID: missing", "không đọc được mã hồ sơ")]
    [InlineData(MismatchKinds.UnreadableValue, Fields.Gender, "[\"male\",\"female\"]", "một danh sách nhiều giá trị (thay cho một giá trị)")]
    [InlineData(MismatchKinds.UnreadableValue, Fields.DateOfBirth, "2012-02-31", "31/02/2012")]
    [InlineData(MismatchKinds.FieldMismatch, Fields.Gender, "female", "Nữ")]
    public void ItemValue_shows_each_kinds_values_in_vietnamese(string kind, string? field, string value, string shown) =>
        Assert.Equal(shown, Labels.ItemValue(kind, field, value));

    [Fact]
    public void An_unreadable_value_that_is_very_long_is_cut_short_and_says_its_length()
    {
        var shown = Labels.ItemValue(MismatchKinds.UnreadableValue, Fields.FullName, new string('a', 500));

        Assert.StartsWith(new string('a', 60) + "…", shown);
        Assert.EndsWith("(dài 500 ký tự)", shown);
    }

    [Theory]
    [InlineData("school:vanthu@truong.edu.vn", "vanthu@truong.edu.vn (Nhà trường)")]
    [InlineData("officer:canbo@so.edu.vn", "canbo@so.edu.vn (Cán bộ Sở)")]
    [InlineData("system", "Hệ thống (lượt đồng bộ)")]
    [InlineData("command line", "command line")]
    public void Actor_names_the_person_and_their_role_in_vietnamese(string actor, string shown) => Assert.Equal(shown, Labels.Actor(actor));

    [Theory]
    [InlineData(WireNames.Student, 8, "8A2", null, "09/03/2013 · lớp 8A2")]
    [InlineData(WireNames.Student, 0, "Lá 2", null, "09/03/2013 · nhóm Lá 2")]
    [InlineData(WireNames.Staff, null, null, "manager", "09/03/2013 · Cán bộ quản lý")]
    public void PersonLine_says_the_birth_date_and_class_or_position(string kind, int? grade, string? className, string? position, string line) =>
        Assert.Equal(line, Labels.PersonLine(kind, new DateOnly(2013, 3, 9), grade, className, position));
}
