using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Tests.Connectors.MapperFixture;

namespace DigitalEdu.Tests.Connectors;

public sealed class ProvincialAndNationalMapperTests
{
    private const string Learner = """
        {"maHocSinh": "2200184213", "soDinhDanh": "022312001234", "hoTen": "Nguyễn Thị Thu Hà",
         "ngaySinh": "2012-03-09", "gioiTinh": 2, "maDanToc": "01",
         "hoTenCha": "Nguyễn Văn Nam", "hoTenMe": "Trần Thị Lan",
         "maTruong": "22000123", "khoi": 8, "lop": "8A2",
         "trangThai": "DANG_HOC", "capNhatLuc": "2026-10-02T00:00:00Z"}
        """;

    private const string ProvincialStaff = """
        {"maCanBo": "2200031101", "soDinhDanh": "022086004321", "hoTen": "Phạm Văn Đức",
         "ngaySinh": "1986-11-30", "gioiTinh": 1, "maTruong": "22000123",
         "viTri": "GIAO_VIEN", "trangThai": "DANG_LAM_VIEC", "capNhatLuc": "2026-09-06T00:00:00Z"}
        """;

    private const string NationalStudent = """
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

    private const string NationalStaff = """
        {"GIAO_VIEN_ID": "2200031101", "MA_DINH_DANH": "022086004321", "HO_TEN": "Phạm Văn Đức",
         "NGAY_SINH": "30/11/1986", "MA_GIOI_TINH": "01", "TRUONG_ID": "22000123",
         "VI_TRI": "QUAN_LY", "MA_TRANG_THAI": "NGHI_VIEC",
         "XAC_THUC_DAN_CU": {"TRANG_THAI": "DA_XAC_THUC", "THOI_DIEM": "2026-09-01T00:00:00Z", "TRUONG_SAI": []},
         "NGAY_CAP_NHAT": "2026-09-06T00:00:00Z"}
        """;

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
    [InlineData("gioiTinh", "3", "gioiTinh: 3 is unknown")]
    [InlineData("gioiTinh", "\"nam\"", "gioiTinh: 'nam' is not a whole number")]
    [InlineData("khoi", "14", "khoi: 14 is outside 0..12")]
    [InlineData("ngaySinh", "\"31/02/2012\"", "ngaySinh: '31/02/2012' is not a date (yyyy-MM-dd)")]
    [InlineData("trangThai", "\"xyz\"", "trangThai: 'xyz' is unknown")]
    [InlineData("trangThai", "\"DANG_LAM_VIEC\"", "trangThai: 'DANG_LAM_VIEC' is unknown")]
    [InlineData("maHocSinh", null, "maHocSinh: missing")]
    [InlineData("maHocSinh", "\"HS-1\"", "maHocSinh: 'HS-1' is not 10 digits")]
    [InlineData("hoTen", "\"Lê\\u0000An\"", "hoTen: contains a control character")]
    public void MapLearner_bad_field_is_quarantined_with_its_reason(string field, string? raw, string reason)
    {
        var element = With(Learner, field, raw);

        var quarantined = AssertQuarantined(Provincial().MapLearner(element), element);

        Assert.Equal([reason], quarantined.Reasons);
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
    public void MapStaff_provincial_unknown_position_is_quarantined()
    {
        var element = With(ProvincialStaff, "viTri", "\"BAO_VE\"");

        var quarantined = AssertQuarantined(Provincial().MapStaff(element), element);

        Assert.Equal(["viTri: 'BAO_VE' is unknown"], quarantined.Reasons);
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
        Assert.Equal(["HO_TEN", "NGAY_SINH"], record.PopulationCheck.DisputedFields);

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
    [InlineData("NGAY_SINH", "\"31/02/2012\"", "NGAY_SINH: '31/02/2012' is not a date (dd/MM/yyyy)")]
    [InlineData("NGAY_SINH", "\"2012-03-09\"", "NGAY_SINH: '2012-03-09' is not a date (dd/MM/yyyy)")]
    [InlineData("MA_GIOI_TINH", "\"03\"", "MA_GIOI_TINH: '03' is unknown")]
    [InlineData("MA_GIOI_TINH", null, "MA_GIOI_TINH: missing")]
    [InlineData("KHOI", "14", "KHOI: 14 is outside 0..12")]
    [InlineData("MA_TRANG_THAI", "\"xyz\"", "MA_TRANG_THAI: 'xyz' is unknown")]
    [InlineData("HOC_SINH_ID", null, "HOC_SINH_ID: missing")]
    [InlineData("HO_TEN", "42", "HO_TEN: expected a string, got a number '42'")]
    [InlineData("SUC_KHOE.NGAY_KHAM", "\"2025-09-20\"", "SUC_KHOE.NGAY_KHAM: '2025-09-20' is not a date (dd/MM/yyyy)")]
    [InlineData("SUC_KHOE.NGAY_KHAM", null, "SUC_KHOE.NGAY_KHAM: missing")]
    [InlineData("SUC_KHOE.CHIEU_CAO", "\"148\"", "SUC_KHOE.CHIEU_CAO: expected a number, got a string '148'")]
    [InlineData("SUC_KHOE", "\"none\"", "SUC_KHOE: expected an object, got a string 'none'")]
    [InlineData("XAC_THUC_DAN_CU.TRANG_THAI", "\"OK\"", "XAC_THUC_DAN_CU.TRANG_THAI: 'OK' is unknown")]
    [InlineData("XAC_THUC_DAN_CU.TRUONG_SAI", "\"HO_TEN\"", "XAC_THUC_DAN_CU.TRUONG_SAI: expected an array, got a string 'HO_TEN'")]
    [InlineData("SUC_KHOE.NGAY_KHAM", "\"21/11/2026\"", "SUC_KHOE.NGAY_KHAM: 2026-11-21 is outside 1900-01-01..today")]
    [InlineData("SUC_KHOE.CHIEU_CAO", "-148", "SUC_KHOE.CHIEU_CAO: -148 is negative")]
    [InlineData("SUC_KHOE.NHOM_MAU", "\"O\\u0000\"", "SUC_KHOE.NHOM_MAU: contains a control character")]
    [InlineData("LOP", "\"8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2 8A2\"", "LOP: longer than 50 characters")]
    [InlineData("MA_DAN_TOC", "\"0\\u00071\"", "MA_DAN_TOC: contains a control character")]
    [InlineData("MA_DINH_DANH", "\"022312\\u0000001234\"", "MA_DINH_DANH: contains a control character")]
    public void MapStudent_national_bad_field_is_quarantined_with_its_reason(string field, string? raw, string reason)
    {
        var element = With(NationalStudent, field, raw);

        var quarantined = AssertQuarantined(National().MapStudent(element), element);

        Assert.Equal([reason], quarantined.Reasons);
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
