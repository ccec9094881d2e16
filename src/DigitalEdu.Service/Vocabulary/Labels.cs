using System.Globalization;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Service.Vocabulary;

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
        [PersonalIdDefect.Format.ToDetail()] = "sai định dạng",
        [PersonalIdDefect.LeadingZeroLost.ToDetail()] = "mất số 0 đầu",
        [PersonalIdDefect.LegacyCmnd.ToDetail()] = "số CMND cũ",
        [PersonalIdDefect.UnknownProvinceCode.ToDetail()] = "mã tỉnh không tồn tại",
        [PersonalIdDefect.GenderDigit.ToDetail()] = "chữ số giới tính sai",
        [PersonalIdDefect.BirthYear.ToDetail()] = "năm sinh không khớp",
        [WireNames.Sms] = "trên SMS",
        [WireNames.National] = "trên CSDL ngành",
        [WireNames.Provincial] = "trên CSDL tỉnh",
        [MismatchDetails.Missing] = "chưa có",
        [MismatchDetails.Outdated] = "bản cũ",
        [PopulationCheckStatus.Disputed] = "sai thông tin",
        [PopulationCheckStatus.NotFound] = "không tìm thấy",
        [PopulationCheckStatus.NotChecked] = "chưa xác thực",
        [PopulationCheckStatus.Verified] = "đã xác thực",
    };

    private static readonly Dictionary<string, string> FieldNames = new()
    {
        [Fields.FullName] = "họ và tên",
        [Fields.DateOfBirth] = "ngày sinh",
        [Fields.Gender] = "giới tính",
        [Fields.FatherName] = "họ tên cha",
        [Fields.MotherName] = "họ tên mẹ",
        [Fields.EthnicityCode] = "dân tộc",
        [Fields.SchoolCode] = "trường",
        [Fields.Grade] = "khối",
        [Fields.ClassName] = "lớp",
        [Fields.Status] = "trạng thái",
        [Fields.PersonalId] = "số định danh cá nhân",
        [Fields.MoetCode] = "mã định danh ngành",
        [Fields.SourceKey] = "mã hồ sơ",
        [Fields.Position] = "vị trí việc làm",
        [Fields.UpdatedAt] = "thời điểm cập nhật",
        [Fields.PopulationCheck] = "kết quả xác thực dân cư",
        [Fields.PopulationStatus] = "trạng thái xác thực dân cư",
        [Fields.PopulationCheckedAt] = "thời điểm xác thực dân cư",
        [Fields.DisputedFields] = "các trường sai khi xác thực",
        [Fields.NationalHealth] = "kết quả khám sức khỏe trên CSDL ngành",
        [Fields.HealthExam] = "phiếu khám sức khỏe",
        [Fields.ExamId] = "mã phiếu khám",
        [Fields.StudentKey] = "mã học sinh của phiếu khám",
        [Fields.Level] = "cấp học",
        [Fields.NationalHealth + "." + Fields.ExamDate] = "ngày khám sức khỏe",
        [Fields.NationalHealth + "." + Fields.HeightCm] = "chiều cao",
        [Fields.NationalHealth + "." + Fields.WeightKg] = "cân nặng",
        [Fields.NationalHealth + "." + Fields.Bmi] = "chỉ số BMI",
        [Fields.NationalHealth + "." + Fields.BloodGroup] = "nhóm máu",
        [Fields.NationalHealth + "." + Fields.EyeCondition] = "bệnh về mắt",
        [Fields.NationalHealth + "." + Fields.CongenitalCondition] = "bệnh bẩm sinh",
        [Fields.NationalHealth + "." + Fields.SpineCondition] = "bệnh cột sống",
        [Fields.NationalHealth + "." + Fields.CanSwim] = "biết bơi",
        [Fields.HealthExam + "." + Fields.ExamDate] = "ngày khám sức khỏe",
        [Fields.HealthExam + "." + Fields.HeightCm] = "chiều cao",
        [Fields.HealthExam + "." + Fields.WeightKg] = "cân nặng",
        [Fields.HealthExam + "." + Fields.Bmi] = "chỉ số BMI",
        [Fields.HealthExam + "." + Fields.BloodGroup] = "nhóm máu",
        [Fields.HealthExam + "." + Fields.EyeCondition] = "bệnh về mắt",
        [Fields.HealthExam + "." + Fields.CongenitalCondition] = "bệnh bẩm sinh",
        [Fields.HealthExam + "." + Fields.SpineCondition] = "bệnh cột sống",
        [Fields.HealthExam + "." + Fields.CanSwim] = "biết bơi",
        [Fields.HealthExam + "." + Fields.UpdatedAt] = "thời điểm cập nhật phiếu khám",
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

    private static readonly Dictionary<string, string> Sources = new()
    {
        [WireNames.Sms] = "SMS",
        [WireNames.National] = "CSDL ngành",
        [WireNames.Provincial] = "CSDL tỉnh",
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
        [AuditAction.FindCandidates] = "Tra cứu hồ sơ có thể trùng khớp",
        [AuditAction.MarkFixed] = "Đánh dấu đã sửa",
        [AuditAction.Dismiss] = "Bỏ qua mục",
        [AuditAction.Reopen] = "Mở lại mục",
        [AuditAction.SignIn] = "Đăng nhập",
        [AuditAction.SignInFailed] = "Đăng nhập không thành công",
        [AuditAction.SignInLocked] = "Đăng nhập bị chặn (tài khoản tạm khoá)",
        [AuditAction.SignOut] = "Đăng xuất",
        [AuditAction.ExportAudit] = "Xuất nhật ký truy cập",
        [AuditAction.TokenCreated] = "Cấp mã truy cập API",
        [AuditAction.TokenRevoked] = "Thu hồi mã truy cập API",
        [AuditAction.UserSaved] = "Tạo hoặc cập nhật tài khoản",
        [AuditAction.UserDisabled] = "Khoá tài khoản",
    };

    public static string Kind(string kind) => Kinds.GetValueOrDefault(kind, kind);

    /// <summary>A detail: a side, a defect, a population check status, or a field (field_mismatch, unreadable_value).</summary>
    public static string Detail(string? detail) =>
        detail is null ? "" : Details.TryGetValue(detail, out var label) ? label : Field(detail);

    /// <summary>A canonical field's name as a clerk reads it (<see cref="Fields"/>).</summary>
    public static string Field(string? field) => field is null ? "" : FieldNames.GetValueOrDefault(field, field);

    public static string MismatchStatusText(string status) => MismatchStatuses.GetValueOrDefault(status, status);

    public static string RunStatus(string status) => RunStatuses.GetValueOrDefault(status, status);

    public static string BatchStatusText(string status) => BatchStatuses.GetValueOrDefault(status, status);

    /// <summary>A school level by its code list; a level the list lacks is shown as sent.</summary>
    public static string Level(string? level) => level is null ? "Chưa rõ" : CodeLists.SchoolLevel.LabelOf(level) ?? level;

    public static string Source(string source) => Sources.GetValueOrDefault(source, source);

    public static string Role(string role) => RolesShown.GetValueOrDefault(role, role);

    public static string Audit(string action) => AuditActions.GetValueOrDefault(action, action);

    /// <summary>A dataset by what it holds (the source is shown beside it); a name no dataset has is shown as sent.</summary>
    public static string Dataset(string dataset) =>
        !Enum.TryParse<Dataset>(dataset, out var known) ? dataset
        : known == Domain.Vocabulary.Dataset.SmsHealthExams ? "Khám sức khỏe"
        : PersonKind(known.PersonKind().ToWire());

    public static string PersonKind(string kind) => kind == WireNames.Staff ? "Cán bộ, giáo viên" : "Học sinh";

    public static string Gender(string? gender) => gender switch
    {
        WireNames.Male => "Nam",
        WireNames.Female => "Nữ",
        _ => gender ?? "",
    };

    /// <summary>A code of a code list by its Vietnamese label; a code the list lacks is shown as sent.</summary>
    public static string Code(CodeList list, string? code) => code is null ? "" : list.LabelOf(code) ?? code;

    /// <summary>A person's status (canonical, or as sent when the lists lack it).</summary>
    public static string PersonStatusText(string? status) =>
        status is null ? "" : CodeLists.SmsStudentStatus.LabelOf(status) ?? CodeLists.SmsStaffStatus.LabelOf(status) ?? status;

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

    public static string FixTarget(FixTarget target) => target switch
    {
        Vocabulary.FixTarget.Sms => "Sửa trên SMS",
        Vocabulary.FixTarget.National => "Sửa trên CSDL ngành",
        Vocabulary.FixTarget.Family => "Xác minh với gia đình",
        _ => "Đơn vị vận hành xử lý",
    };

    /// <summary>Who changed an item, as a clerk reads it: runs write "system".</summary>
    public static string Actor(string actor) => actor == MismatchEvents.System ? "Hệ thống (lượt đồng bộ)" : actor;

    public static string EventReason(string? reason) => reason switch
    {
        MismatchEvents.Found => "Phát hiện",
        MismatchEvents.FoundAgain => "Phát hiện lại",
        MismatchEvents.NotFound => "Lượt đồng bộ không còn thấy sai lệch",
        _ => reason ?? "",
    };

    /// <summary>CSS class for a status pill.</summary>
    public static string Tone(string status) => status switch
    {
        SyncRunStatus.Succeeded or MismatchStatus.Resolved => "ok",
        SyncRunStatus.Failed or BatchStatus.Failed or MismatchStatus.Open => "bad",
        SyncRunStatus.PartiallyFailed or MismatchStatus.FixedPending or BatchStatus.Interrupted => "warn",
        _ => "neutral",
    };
}
