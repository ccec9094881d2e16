using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;

namespace DigitalEdu.Tests.Connectors;

public sealed class ProvincialAndNationalMapperTests
{
    internal const string Learner = """
        {"maHocSinh": "2200184213", "soDinhDanh": "022312001234", "hoTen": "Nguyễn Thị Thu Hà",
         "ngaySinh": "2012-03-09", "gioiTinh": 2, "maDanToc": "01",
         "hoTenCha": "Nguyễn Văn Nam", "hoTenMe": "Trần Thị Lan",
         "maTruong": "22000123", "khoi": 8, "lop": "8A2",
         "trangThai": "DANG_HOC", "capNhatLuc": "2026-10-02T00:00:00Z"}
        """;

    internal const string ProvincialStaff = """
        {"maCanBo": "2200031101", "soDinhDanh": "022086004321", "hoTen": "Phạm Văn Đức",
         "ngaySinh": "1986-11-30", "gioiTinh": 1, "maTruong": "22000123",
         "viTri": "GIAO_VIEN", "trangThai": "DANG_LAM_VIEC", "capNhatLuc": "2026-09-06T00:00:00Z"}
        """;

    internal const string NationalStudent = """
        {"HOC_SINH_ID": "2200184213", "MA_DINH_DANH": "022312001234",
         "HO_TEN": "Nguyễn Thị Thu Hà", "NGAY_SINH": "09/03/2012", "MA_GIOI_TINH": "02",
         "MA_DAN_TOC": "01", "TEN_CHA": "Nguyễn Văn Nam", "TEN_ME": "Trần Thị Lan",
         "TRUONG_ID": "22000123", "KHOI": 8, "LOP": "8A2", "MA_TRANG_THAI": "DANG_HOC",
         "XAC_THUC_DAN_CU": {"TRANG_THAI": "SAI_THONG_TIN", "THOI_DIEM": "2026-09-01T00:00:00Z",
                             "TRUONG_SAI": ["HO_TEN", "NGAY_SINH"]},
         "SUC_KHOE": {"NGAY_KHAM": "20/09/2025", "CHIEU_CAO": 148.0, "CAN_NANG": 38.5,
                      "CHI_SO_BMI": 17.6, "NHOM_MAU": "O", "BENH_VE_MAT": "myopia",
                      "BENH_BAM_SINH": null, "BENH_COT_SONG": null, "BIET_BOI": true},
         "NGAY_CAP_NHAT": "2026-10-03T00:00:00Z"}
        """;

    internal const string NationalStaff = """
        {"GIAO_VIEN_ID": "2200031101", "MA_DINH_DANH": "022086004321", "HO_TEN": "Phạm Văn Đức",
         "NGAY_SINH": "30/11/1986", "MA_GIOI_TINH": "01", "TRUONG_ID": "22000123",
         "VI_TRI": "QUAN_LY", "MA_TRANG_THAI": "NGHI_VIEC",
         "XAC_THUC_DAN_CU": {"TRANG_THAI": "DA_XAC_THUC", "THOI_DIEM": "2026-09-01T00:00:00Z", "TRUONG_SAI": []},
         "NGAY_CAP_NHAT": "2026-09-06T00:00:00Z"}
        """;

    /// <summary>The samples as read from the listing the table tests use: what a record with one bad field is compared to.</summary>
    internal static PersonRecord GoodLearner() => Provincial().MapLearner(Parse(Learner), ListingSchool).Record!;

    internal static PersonRecord GoodProvincialStaff() => Provincial().MapStaff(Parse(ProvincialStaff), ListingSchool).Record!;

    internal static PersonRecord GoodNationalStudent() => National().MapStudent(Parse(NationalStudent), ListingSchool).Record!;

    internal static PersonRecord GoodNationalStaff() => National().MapStaff(Parse(NationalStaff), ListingSchool).Record!;

    [Fact]
    public void MapLearner_good_record_lands_every_field()
    {
        var record = Provincial().MapLearner(Parse(Learner)).Record;

        Assert.NotNull(record);
        Assert.Equal(Source.Provincial, record.Source);
        Assert.Equal(PersonKind.Student, record.Kind);
        Assert.Equal("2200184213", record.SourceKey);
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
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), record.UpdatedAt);
    }

    [Theory]
    [InlineData("DANG_HOC", PersonStatus.Studying)]
    [InlineData("CHUYEN_DI", PersonStatus.TransferredOut)]
    [InlineData("THOI_HOC", PersonStatus.DroppedOut)]
    [InlineData("TOT_NGHIEP", PersonStatus.Graduated)]
    public void MapLearner_status_codes_map_to_canonical(string code, string status) =>
        Assert.Equal(status, Provincial().MapLearner(With(Learner, "trangThai", $"\"{code}\"")).Record?.Status);

    [Theory]
    [InlineData("gioiTinh", "3", "gender", "3")]
    [InlineData("gioiTinh", "\"nam\"", "gender", "nam")]
    [InlineData("khoi", "14", "grade", "14")]
    [InlineData("ngaySinh", "\"31/02/2012\"", "dateOfBirth", "31/02/2012")]
    [InlineData("trangThai", "\"xyz\"", "status", "xyz")]
    [InlineData("hoTen", "\"Lê\\u0000An\"", "fullName", "Lê\\u0000An")]
    public void MapLearner_bad_field_keeps_the_record_with_that_field_unreadable(string field, string raw, string canonical, string kept) =>
        AssertUnreadable(Provincial().MapLearner(With(Learner, field, raw), ListingSchool), GoodLearner(), canonical, kept);

    [Fact]
    public void MapLearner_status_the_list_lacks_is_kept_as_sent_and_not_active() =>
        AssertUnknownCode(Provincial().MapLearner(With(Learner, "trangThai", "\"DANG_LAM_VIEC\""), ListingSchool), GoodLearner(), "status", "DANG_LAM_VIEC");

    [Fact]
    public void MapLearner_without_its_key_is_quarantined_with_a_placeholder_by_its_personal_id()
    {
        var element = With(Learner, "maHocSinh", null);

        var quarantined = AssertQuarantined(Provincial().MapLearner(element, ListingSchool), element);

        Assert.Equal(["maHocSinh: missing"], quarantined.Reasons);
        Assert.Null(quarantined.SourceKey);
        AssertPlaceholder(quarantined, Source.Provincial, PersonKind.Student, "quarantined:id:022312001234", null, "022312001234", "22000123");
    }

    // The key is read and is not a MOET code: the record can be placed, only its MOET code is unknown. Today the completion
    // looks for a "moetCode" field the provincial and national tables do not have, and throws.
    [Theory]
    [InlineData("HS-1")]
    [InlineData("22001842")]
    public void MapLearner_key_that_is_not_ten_digits_keeps_the_record_with_its_moet_code_unreadable(string key)
    {
        var record = AssertKept(Provincial().MapLearner(With(Learner, "maHocSinh", $"\"{key}\""), ListingSchool));

        Assert.Equal(key, record.SourceKey);
        Assert.Null(record.MoetCode);
        Assert.Equal([KeyValuePair.Create("moetCode", key)], record.Unreadable!);
    }

    [Theory]
    [InlineData("GIAO_VIEN", StaffPosition.Teacher)]
    [InlineData("QUAN_LY", StaffPosition.Manager)]
    [InlineData("NHAN_VIEN", StaffPosition.Staff)]
    public void MapStaff_provincial_positions_map_to_canonical(string code, string position)
    {
        var record = Provincial().MapStaff(With(ProvincialStaff, "viTri", $"\"{code}\"")).Record;

        Assert.NotNull(record);
        Assert.Equal(position, record.Position);
        Assert.Equal(PersonStatus.Working, record.Status);
        Assert.Equal(Gender.Male, record.Gender);
        Assert.Equal("2200031101", record.SourceKey);
    }

    [Fact]
    public void MapStaff_provincial_position_the_list_lacks_is_kept_as_sent()
    {
        var record = AssertUnknownCode(
            Provincial().MapStaff(With(ProvincialStaff, "viTri", "\"BAO_VE\""), ListingSchool), GoodProvincialStaff(), "position", "BAO_VE");

        Assert.True(record.IsActive);
    }

    [Fact]
    public void MapStudent_national_good_record_lands_every_field()
    {
        var record = National().MapStudent(Parse(NationalStudent)).Record;

        Assert.NotNull(record);
        Assert.Equal(Source.National, record.Source);
        Assert.Equal("2200184213", record.SourceKey);
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
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero), record.UpdatedAt);

        Assert.NotNull(record.PopulationCheck);
        Assert.Equal(PopulationCheckStatus.Disputed, record.PopulationCheck.Status);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), record.PopulationCheck.CheckedAt);
        // By their canonical names: only the mapper knows the column names.
        Assert.Equal([Fields.FullName, Fields.DateOfBirth], record.PopulationCheck.DisputedFields);

        var health = record.NationalHealth;
        Assert.NotNull(health);
        Assert.Equal(new DateOnly(2025, 9, 20), health.ExamDate);
        Assert.Equal(148.0m, health.HeightCm);
        Assert.Equal(38.5m, health.WeightKg);
        Assert.Equal(17.6m, health.Bmi);
        Assert.Equal("O", health.BloodGroup);
        Assert.Equal("myopia", health.EyeCondition);
        Assert.Null(health.CongenitalCondition);
        Assert.Null(health.SpineCondition);
        Assert.True(health.CanSwim);
    }

    [Fact]
    public void MapStudent_national_without_health_or_check_has_nulls()
    {
        var element = With(With(NationalStudent, "SUC_KHOE", "null").GetRawText(), "XAC_THUC_DAN_CU", null);

        var record = National().MapStudent(element).Record;

        Assert.NotNull(record);
        Assert.Null(record.NationalHealth);
        Assert.Null(record.PopulationCheck);
    }

    [Theory]
    [InlineData("NGAY_SINH", "\"31/02/2012\"", "dateOfBirth", "31/02/2012")]
    [InlineData("NGAY_SINH", "\"2012-03-09\"", "dateOfBirth", "2012-03-09")]
    [InlineData("MA_GIOI_TINH", "\"03\"", "gender", "03")]
    [InlineData("MA_GIOI_TINH", null, "gender", "")]
    [InlineData("KHOI", "14", "grade", "14")]
    [InlineData("MA_TRANG_THAI", "\"xyz\"", "status", "xyz")]
    [InlineData("HO_TEN", "42", "fullName", "42")]
    [InlineData("SUC_KHOE.NGAY_KHAM", "\"2025-09-20\"", "nationalHealth.examDate", "2025-09-20")]
    [InlineData("SUC_KHOE.NGAY_KHAM", null, "nationalHealth.examDate", "")]
    [InlineData("SUC_KHOE.CHIEU_CAO", "\"148\"", "nationalHealth.heightCm", "148")]
    [InlineData("SUC_KHOE", "\"none\"", "nationalHealth", "none")]
    [InlineData("XAC_THUC_DAN_CU.TRUONG_SAI", "\"HO_TEN\"", "populationCheck.disputedFields", "HO_TEN")]
    [InlineData("SUC_KHOE.NGAY_KHAM", "\"21/11/2026\"", "nationalHealth.examDate", "21/11/2026")]
    [InlineData("SUC_KHOE.CHIEU_CAO", "-148", "nationalHealth.heightCm", "-148")]
    [InlineData("SUC_KHOE.NHOM_MAU", "\"O\\u0000\"", "nationalHealth.bloodGroup", "O\\u0000")]
    [InlineData("LOP", "\"8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2\"", "className", "8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2")]
    [InlineData("MA_DAN_TOC", "\"0\\u00071\"", "ethnicityCode", "0\u00071")]
    [InlineData("MA_DINH_DANH", "\"022312\\u0000001234\"", "personalId", "022312\\u0000001234")]
    public void MapStudent_national_bad_field_keeps_the_record_with_that_field_unreadable(string field, string? raw, string canonical, string kept) =>
        AssertUnreadable(National().MapStudent(With(NationalStudent, field, raw), ListingSchool), GoodNationalStudent(), canonical, kept);

    [Fact]
    public void MapStudent_national_without_its_key_is_quarantined_with_a_placeholder_by_its_personal_id()
    {
        var element = With(NationalStudent, "HOC_SINH_ID", null);

        var quarantined = AssertQuarantined(National().MapStudent(element, ListingSchool), element);

        Assert.Equal(["HOC_SINH_ID: missing"], quarantined.Reasons);
        AssertPlaceholder(quarantined, Source.National, PersonKind.Student, "quarantined:id:022312001234", null, "022312001234", "22000123");
    }

    [Fact]
    public void MapStudent_national_population_status_the_list_lacks_is_kept_as_sent()
    {
        var record = AssertUnknownCode(
            National().MapStudent(With(NationalStudent, "XAC_THUC_DAN_CU.TRANG_THAI", "\"OK\""), ListingSchool),
            GoodNationalStudent(), "populationCheck.status", "OK");

        Assert.True(record.IsActive);
    }

    [Theory]
    [InlineData("HS-1")]
    public void MapStudent_national_key_that_is_not_ten_digits_keeps_the_record_with_its_moet_code_unreadable(string key)
    {
        var record = AssertKept(National().MapStudent(With(NationalStudent, "HOC_SINH_ID", $"\"{key}\""), ListingSchool));

        Assert.Equal(key, record.SourceKey);
        Assert.Null(record.MoetCode);
        Assert.Equal([KeyValuePair.Create("moetCode", key)], record.Unreadable!);
    }

    [Fact]
    public void MapStaff_national_good_record_lands_every_field()
    {
        var record = National().MapStaff(Parse(NationalStaff)).Record;

        Assert.NotNull(record);
        Assert.Equal(PersonKind.Staff, record.Kind);
        Assert.Equal("2200031101", record.SourceKey);
        Assert.Equal(new DateOnly(1986, 11, 30), record.DateOfBirth);
        Assert.Equal(Gender.Male, record.Gender);
        Assert.Equal(StaffPosition.Manager, record.Position);
        Assert.Equal(PersonStatus.Left, record.Status);
        Assert.Equal(PopulationCheckStatus.Verified, record.PopulationCheck?.Status);
        Assert.Empty(record.PopulationCheck!.DisputedFields);
        Assert.Null(record.NationalHealth);
    }

    [Fact]
    public void MapSchool_national_takes_the_province_asked_for()
    {
        var element = Parse("""{"TRUONG_ID": "22000123", "TEN_TRUONG": "Trường Tiểu học Cộng Hòa", "CAP_HOC": "TH", "MA_XA": "06958"}""");

        var school = NationalRecordMapper.MapSchool(element, "22").Record;

        Assert.Equal(new SchoolRecord("22000123", "Trường Tiểu học Cộng Hòa", "TH", "06958", "22"), school);
    }
}
