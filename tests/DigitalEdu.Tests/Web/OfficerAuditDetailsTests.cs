using DigitalEdu.Service.Features.Province;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The officer's audit page and drill-down in Vietnamese: the log's machine-written details shown without codes, and communes
/// named by their listings with the code as the fallback.
/// </summary>
public sealed class OfficerAuditDetailsTests
{
    [Theory]
    [InlineData("open -> dismissed", "Đang mở → Đã bỏ qua")]
    [InlineData("token #2 for canbo@so.vn (officer), expires 2027-03-01", "mã API #2 của canbo@so.vn (Cán bộ Sở), hết hạn 01/03/2027")]
    [InlineData("12 rows; follow-up list; status=open; kind=field_mismatch; communeCode=04509; daysOpen=7",
        "12 dòng; danh sách theo dõi; trạng thái: Đang mở; loại: Thông tin sai lệch; mã xã: 04509; số ngày mở: 7")]
    [InlineData("command line (root)", "dòng lệnh (root)")]
    [InlineData("source=national", "nguồn: CSDL ngành")]
    [InlineData("run 01a23c5c: 3 failed batches re-run", "lượt 01a23c5c: 3 lô lỗi được chạy lại")]
    [InlineData("run 01a23c5c: planned again", "lượt 01a23c5c: lập kế hoạch lại")]
    [InlineData("snapshot 01a23d5f-0643-7e4c-b6f9-bf9dfbb7b1df as of 2026-12-04: 20 schools", "bản chốt tính đến 04/12/2026: 20 trường")]
    [InlineData("snapshot 01a23d5f-0643-7e4c-b6f9-bf9dfbb7b1df as of 2026-09-30, unit commune 06958", "bản chốt tính đến 30/09/2026, xã, phường 06958")]
    [InlineData("snapshot 01a23d5f-0643-7e4c-b6f9-bf9dfbb7b1df as of 2026-09-30, unit province", "bản chốt tính đến 30/09/2026, toàn tỉnh")]
    [InlineData("52 rows, 2 problems, against snapshot 01a23d5f-0643-7e4c-b6f9-bf9dfbb7b1df", "52 dòng, 2 sai sót, so với bản chốt 01a23d5f")]
    [InlineData("refused: not the report's layout", "bị từ chối: không theo mẫu báo cáo")]
    [InlineData("2 candidates shown, 1 schools outside the caller's scope", "2 ứng viên được hiển thị, 1 trường ngoài phạm vi được xem")]
    public void Audit_details_read_in_vietnamese(string detail, string shown)
    {
        var text = AuditDetails.Show(detail);
        Assert.Equal(shown, text);
        Assert.Empty(PageChecks.RawWordsIn(text));
    }

    [Theory]
    [InlineData("04509", "Xã Vàng Danh", "Xã Vàng Danh", false)]
    [InlineData("04509", null, "Xã, phường mã 04509", true)]
    [InlineData(DrillDown.NoCommune, null, "Chưa rõ xã, phường", true)]
    public void A_commune_is_named_by_its_listing_with_the_code_as_fallback(string key, string? name, string shown, bool byCode) =>
        Assert.Equal((shown, byCode), DrillDown.CommuneLabel(key, name));

    [Fact]
    public void Rates_are_left_out_where_nobody_is_counted()
    {
        var empty = new AreaRow("1", "Xã", false, null, null, null, 1, 0, 0, 0, 0, 0, 3);
        Assert.Null(empty.OpenPer100);
        Assert.Null(empty.ValidIdRate);
        var some = new AreaRow("1", "Xã", false, null, null, null, 1, 200, 150, 180, 160, 90, 30);
        Assert.Equal(15.0, some.OpenPer100);
        Assert.Equal(90.0, some.ValidIdRate);
        Assert.Equal(60.0, some.HealthRate);
    }
}
