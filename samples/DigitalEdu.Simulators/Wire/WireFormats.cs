using System.Globalization;
using DigitalEdu.Simulators.Data;

namespace DigitalEdu.Simulators.Wire;

/// <summary>The per-source spellings of dates, genders, statuses and positions, in one place.</summary>
internal static class WireFormats
{
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string NationalDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds print without a fraction, as the upstreams do; a PATCH stamp keeps its milliseconds so updatedSince round-trips.</summary>
    public static string Instant(DateTime utc) => utc.Ticks % TimeSpan.TicksPerSecond == 0
        ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string SmsGender(Gender gender) => gender == Gender.Male ? "male" : "female";

    public static int ProvincialGender(Gender gender) => gender == Gender.Male ? 1 : 2;

    public static string NationalGender(Gender gender) => gender == Gender.Male ? "01" : "02";

    public static string OfficialStatus(string status) => status switch
    {
        "studying" => "DANG_HOC",
        "transferred_out" => "CHUYEN_DI",
        "dropped_out" => "THOI_HOC",
        "graduated" => "TOT_NGHIEP",
        "working" => "DANG_LAM_VIEC",
        "left" => "NGHI_VIEC",
        _ => status,
    };

    public static string? OfficialPosition(string? position) => position switch
    {
        "teacher" => "GIAO_VIEN",
        "manager" => "QUAN_LY",
        "staff" => "NHAN_VIEN",
        _ => position,
    };
}
