using System.Globalization;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Service.Web;

/// <summary>The Vietnamese words the pages show for the service's wire names, and vi-VN formatting of numbers and times.</summary>
public static class Labels
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Officers read times in Vietnam's time zone (UTC+7, no daylight saving), whatever the server's zone.
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly Dictionary<string, string> Kinds = new()
    {
        [MismatchKinds.HealthNotSynced] = "Sức khỏe chưa đồng bộ",
        [MismatchKinds.IdMissing] = "Thiếu số định danh",
        [MismatchKinds.IdInvalid] = "Số định danh không hợp lệ",
        [MismatchKinds.IdUnverified] = "Chưa xác thực dân cư",
        [MismatchKinds.IdDuplicate] = "Trùng số định danh",
        [MismatchKinds.MissingInNational] = "Chưa có trên CSDL ngành",
        [MismatchKinds.MissingInSms] = "Không có trên SMS",
        [MismatchKinds.FieldMismatch] = "Thông tin sai lệch",
        [MismatchKinds.ProvincialStale] = "CSDL tỉnh chưa cập nhật",
        [MismatchKinds.UnreadableValue] = "Giá trị không hợp lệ",
        [MismatchKinds.RecordQuarantined] = "Hồ sơ lỗi bị giữ lại",
    };

    private static readonly Dictionary<string, string> Details = new()
    {
        ["format"] = "sai định dạng",
        ["leading_zero_lost"] = "mất số 0 đầu",
        ["legacy_cmnd"] = "số CMND cũ",
        ["unknown_province_code"] = "mã tỉnh không tồn tại",
        ["gender_digit"] = "chữ số giới tính sai",
        ["birth_year"] = "năm sinh không khớp",
        ["sms"] = "trên SMS",
        ["national"] = "trên CSDL ngành",
        ["provincial"] = "trên CSDL tỉnh",
        [MismatchDetails.Missing] = "chưa có",
        [MismatchDetails.Outdated] = "bản cũ",
        [PopulationCheckStatus.Disputed] = "sai thông tin",
        [PopulationCheckStatus.NotFound] = "không tìm thấy",
        [PopulationCheckStatus.NotChecked] = "chưa xác thực",
    };

    private static readonly Dictionary<string, string> MismatchStatuses = new()
    {
        [MismatchStatus.Open] = "Đang mở",
        [MismatchStatus.FixedPending] = "Đã sửa, chờ xác nhận",
        [MismatchStatus.Resolved] = "Đã khắc phục",
        [MismatchStatus.Dismissed] = "Đã bỏ qua",
    };

    private static readonly Dictionary<string, string> RunStatuses = new()
    {
        [SyncRunStatus.Queued] = "Đang chờ",
        [SyncRunStatus.Running] = "Đang chạy",
        [SyncRunStatus.Succeeded] = "Thành công",
        [SyncRunStatus.PartiallyFailed] = "Lỗi một phần",
        [SyncRunStatus.Failed] = "Thất bại",
    };

    private static readonly Dictionary<string, string> BatchStatuses = new()
    {
        [BatchStatus.Running] = "Đang chạy",
        [BatchStatus.Succeeded] = "Thành công",
        [BatchStatus.Failed] = "Lỗi",
        [BatchStatus.Retried] = "Đã chạy lại",
        [BatchStatus.Interrupted] = "Bị gián đoạn",
    };

    private static readonly Dictionary<string, string> Levels = new()
    {
        ["MN"] = "Mầm non",
        ["TH"] = "Tiểu học",
        ["THCS"] = "THCS",
        ["THPT"] = "THPT",
        ["GDTX"] = "GDNN - GDTX",
        ["TH_THCS"] = "TH và THCS",
        ["THCS_THPT"] = "THCS và THPT",
    };

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["sms"] = "SMS",
        ["national"] = "CSDL ngành",
        ["provincial"] = "CSDL tỉnh",
    };

    private static readonly Dictionary<string, string> RolesShown = new()
    {
        [Access.Roles.Operator] = "Vận hành",
        [Access.Roles.Officer] = "Cán bộ Sở",
        [Access.Roles.School] = "Nhà trường",
    };

    private static readonly Dictionary<string, string> AuditActions = new()
    {
        [AuditAction.ShowPersonalId] = "Xem số định danh đầy đủ",
        [AuditAction.ExportXlsx] = "Xuất Excel (xlsx)",
        [AuditAction.ExportCsv] = "Xuất CSV",
    };

    public static string Kind(string kind) => Kinds.GetValueOrDefault(kind, kind);

    /// <summary>A detail: a side, a defect, a population check status, or a field (field_mismatch, unreadable_value).</summary>
    public static string Detail(string? detail) =>
        detail is null ? "" : Details.TryGetValue(detail, out var label) ? label : Field(detail);

    public static string Field(string? field) => field == Fields.Level ? "cấp học" : Domain.Guidance.MismatchGuidance.FieldName(field);

    public static string MismatchStatusText(string status) => MismatchStatuses.GetValueOrDefault(status, status);

    public static string RunStatus(string status) => RunStatuses.GetValueOrDefault(status, status);

    public static string BatchStatusText(string status) => BatchStatuses.GetValueOrDefault(status, status);

    public static string Level(string? level) => level is null ? "Chưa rõ" : Levels.GetValueOrDefault(level, level);

    public static string Source(string source) => Sources.GetValueOrDefault(source, source);

    public static string Role(string role) => RolesShown.GetValueOrDefault(role, role);

    public static string Audit(string action) => AuditActions.GetValueOrDefault(action, action);

    /// <summary>A dataset's wire name (SmsStudents, NationalStaff, SmsHealthExams...) as what it holds.</summary>
    public static string Dataset(string dataset) =>
        dataset.Contains("Health", StringComparison.OrdinalIgnoreCase) ? "Khám sức khỏe"
        : dataset.Contains("Staff", StringComparison.OrdinalIgnoreCase) ? "Cán bộ, giáo viên"
        : dataset.Contains("Student", StringComparison.OrdinalIgnoreCase) ? "Học sinh"
        : dataset;

    public static string PersonKind(string kind) => kind == "staff" ? "Cán bộ, giáo viên" : "Học sinh";

    public static string RunMode(string mode) => mode == SyncMode.Incremental ? "Gia tăng" : "Toàn bộ";

    public static string Number(long value) => value.ToString("N0", Vietnamese);

    public static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", Vietnamese) + " %";

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", Vietnamese) : "–";

    public static string Duration(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null || to is null)
        {
            return "–";
        }

        var span = to.Value - from.Value;
        return span.TotalSeconds < 60
            ? span.TotalSeconds.ToString("0.0", Vietnamese) + " giây"
            : $"{(int)span.TotalMinutes} phút {span.Seconds} giây";
    }

    /// <summary>CSS class for a status pill.</summary>
    public static string Tone(string status) => status switch
    {
        SyncRunStatus.Succeeded or MismatchStatus.Resolved => "ok",
        SyncRunStatus.Failed or BatchStatus.Failed or MismatchStatus.Open => "bad",
        SyncRunStatus.PartiallyFailed or MismatchStatus.FixedPending or BatchStatus.Interrupted => "warn",
        _ => "neutral",
    };
}
