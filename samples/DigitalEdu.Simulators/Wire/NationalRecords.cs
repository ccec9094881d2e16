using System.Text.Json.Serialization;

namespace DigitalEdu.Simulators.Wire;

/// <summary>The national database's wire records: column names of Quyết định 4998/QĐ-BGDĐT, dd/MM/yyyy dates, gender "01"/"02".</summary>
internal sealed record NationalSchool(
    [property: JsonPropertyName("TRUONG_ID")] string TruongId,
    [property: JsonPropertyName("TEN_TRUONG")] string TenTruong,
    [property: JsonPropertyName("CAP_HOC")] string CapHoc,
    [property: JsonPropertyName("MA_XA")] string MaXa,
    [property: JsonPropertyName("TEN_XA"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TenXa);

internal sealed record NationalVerification(
    [property: JsonPropertyName("TRANG_THAI")] string TrangThai,
    [property: JsonPropertyName("THOI_DIEM")] string ThoiDiem,
    [property: JsonPropertyName("TRUONG_SAI")] IReadOnlyList<string> TruongSai);

internal sealed record NationalHealth(
    [property: JsonPropertyName("NGAY_KHAM")] string NgayKham,
    [property: JsonPropertyName("CHIEU_CAO")] double ChieuCao,
    [property: JsonPropertyName("CAN_NANG")] double CanNang,
    [property: JsonPropertyName("CHI_SO_BMI")] double ChiSoBmi,
    [property: JsonPropertyName("NHOM_MAU")] string NhomMau,
    [property: JsonPropertyName("BENH_VE_MAT")] string? BenhVeMat,
    [property: JsonPropertyName("BENH_BAM_SINH")] string? BenhBamSinh,
    [property: JsonPropertyName("BENH_COT_SONG")] string? BenhCotSong,
    [property: JsonPropertyName("BIET_BOI")] bool BietBoi);

internal sealed record NationalStudent(
    [property: JsonPropertyName("HOC_SINH_ID")] string HocSinhId,
    [property: JsonPropertyName("MA_DINH_DANH")] string? MaDinhDanh,
    [property: JsonPropertyName("HO_TEN")] string HoTen,
    [property: JsonPropertyName("NGAY_SINH")] string NgaySinh,
    [property: JsonPropertyName("MA_GIOI_TINH")] string MaGioiTinh,
    [property: JsonPropertyName("MA_DAN_TOC")] string? MaDanToc,
    [property: JsonPropertyName("TEN_CHA")] string? TenCha,
    [property: JsonPropertyName("TEN_ME")] string? TenMe,
    [property: JsonPropertyName("TRUONG_ID")] string TruongId,
    [property: JsonPropertyName("KHOI")] int Khoi,
    [property: JsonPropertyName("LOP")] string? Lop,
    [property: JsonPropertyName("MA_TRANG_THAI")] string MaTrangThai,
    [property: JsonPropertyName("XAC_THUC_DAN_CU")] NationalVerification XacThucDanCu,
    [property: JsonPropertyName("SUC_KHOE")] NationalHealth? SucKhoe,
    [property: JsonPropertyName("NGAY_CAP_NHAT")] string NgayCapNhat);

internal sealed record NationalStaff(
    [property: JsonPropertyName("GIAO_VIEN_ID")] string GiaoVienId,
    [property: JsonPropertyName("MA_DINH_DANH")] string? MaDinhDanh,
    [property: JsonPropertyName("HO_TEN")] string HoTen,
    [property: JsonPropertyName("NGAY_SINH")] string NgaySinh,
    [property: JsonPropertyName("MA_GIOI_TINH")] string MaGioiTinh,
    [property: JsonPropertyName("TRUONG_ID")] string TruongId,
    [property: JsonPropertyName("VI_TRI")] string? ViTri,
    [property: JsonPropertyName("MA_TRANG_THAI")] string MaTrangThai,
    [property: JsonPropertyName("XAC_THUC_DAN_CU")] NationalVerification XacThucDanCu,
    [property: JsonPropertyName("NGAY_CAP_NHAT")] string NgayCapNhat);
