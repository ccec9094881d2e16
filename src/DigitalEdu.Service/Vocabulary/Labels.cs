using System.Globalization;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Reporting;
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
        [MismatchKinds.GradeTurnover] = "Chưa lên lớp năm học mới",
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
        [AuditAction.FindSharedId] = "Tra cứu hồ sơ cùng số định danh",
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
        [AuditAction.CheckSchool] = "Kiểm tra lại dữ liệu trường",
        [AuditAction.ImportFixed] = "Tải lên Excel đánh dấu đã sửa",
        [AuditAction.PauseSource] = "Tạm dừng lấy dữ liệu từ một nguồn",
        [AuditAction.ResumeSource] = "Tiếp tục lấy dữ liệu từ một nguồn",
        [AuditAction.RetryRun] = "Chạy lại lượt đồng bộ",
        [AuditAction.FreezeSnapshot] = "Chốt số liệu báo cáo",
        [AuditAction.ExportReport] = "Xuất báo cáo số liệu (xlsx)",
        [AuditAction.CheckReport] = "Kiểm tra báo cáo nhập tay",
        [AuditAction.ListExpectedBack] = "Xem danh sách học sinh chưa trở lại",
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
    /// <summary>What a problem of a hand-typed report is, as its list names it.</summary>
    public static string ReportProblem(string kind) => kind switch
    {
        ReportProblemKinds.NotANumber => "Không phải số",
        ReportProblemKinds.PartExceedsTotal => "Phần lớn hơn tổng",
        ReportProblemKinds.RowSum => "Cộng dòng không khớp",
        ReportProblemKinds.TotalRow => "Dòng tổng cộng không khớp",
        ReportProblemKinds.Percentage => "Tỷ lệ sai",
        ReportProblemKinds.DuplicateUnit => "Đơn vị lặp lại",
        ReportProblemKinds.DiffersFromSystem => "Khác số liệu hệ thống",
        ReportProblemKinds.UnknownUnit => "Không có trong số liệu hệ thống",
        _ => kind,
    };

    /// <summary>The period a report snapshot was frozen for.</summary>
    public static string ReportPeriod(string period) => period switch
    {
        "start_of_year" => "Đầu năm học",
        "end_of_year" => "Cuối năm học",
        "on_demand" => "Chốt theo yêu cầu",
        _ => period,
    };

    /// <summary>A school year as the reports write it: "2026–2027".</summary>
    public static string SchoolYear(int firstYear) => $"{firstYear}–{firstYear + 1}";

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

    /// <summary>A date as Vietnamese readers write it: dd/MM/yyyy.</summary>
    public static string Date(DateOnly? date) => date is { } value ? value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "–";

    /// <summary>
    /// A stored value of a field, as a clerk reads it: dates as dd/MM/yyyy (an ISO-shaped value that is no date, such as
    /// 2012-02-31, is reordered all the same: it is what the SMS screen shows), genders, statuses, ethnic groups and positions
    /// by their Vietnamese names, lists of fields by their names. A code a list lacks, and any other text, is shown as sent.
    /// </summary>
    public static string Value(string? field, string? value, Func<string, string?>? schoolName = null)
    {
        if (value is null)
        {
            return "";
        }

        var leaf = field is null ? null : field[(field.LastIndexOf('.') + 1)..];
        return leaf switch
        {
            Fields.DateOfBirth or Fields.ExamDate => IsoDate(value),
            Fields.Gender => Gender(value),
            Fields.Status => PersonStatusText(value),
            Fields.EthnicityCode => CodeLists.Ethnicity.LabelOf(value) ?? value,
            Fields.Position => Position(value) ?? value,
            Fields.SchoolCode => schoolName?.Invoke(value) is { } name ? $"{name} ({value})" : value,
            Fields.CanSwim => value switch { "true" => "Có", "false" => "Không", _ => value },
            "disputedFields" => FieldList(value),
            _ => value,
        };
    }

    /// <summary>
    /// One side's value of an item as a clerk reads it: a field's value (<see cref="Value"/>), an exam's date, the fields a
    /// check disputed or a copy differs on by their names, and for a quarantined record what became of it rather than the
    /// reader's technical reasons.
    /// </summary>
    public static string ItemValue(string kind, string? field, string? value, Func<string, string?>? schoolName = null) => kind switch
    {
        _ when value is null => "",
        MismatchKinds.HealthNotSynced => "khám ngày " + IsoDate(value),
        MismatchKinds.IdUnverified => FieldList(value) is { Length: > 0 } fields ? "sai: " + fields : "",
        MismatchKinds.ProvincialStale => "khác ở: " + FieldList(value),
        MismatchKinds.RecordQuarantined => "không đọc được mã hồ sơ",
        MismatchKinds.UnreadableValue => Unreadable(field, value),
        _ => Value(field, value, schoolName),
    };

    /// <summary>
    /// A value that cannot be right, as received: dates reordered like any date, a list or an object where one value belongs
    /// said in words rather than printed as the upstream's JSON, and very long text cut short (its length said).
    /// </summary>
    public static string Unreadable(string? field, string value)
    {
        var text = value.Trim();
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return "một danh sách nhiều giá trị (thay cho một giá trị)";
        }

        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            return "một nhóm thông tin lồng nhau (thay cho một giá trị)";
        }

        const int Shown = 60;
        var shown = Value(field, value);
        return shown.Length <= Shown ? shown : $"{shown[..Shown]}… (dài {Number(shown.Length)} ký tự)";
    }

    /// <summary>A comma-separated list of canonical fields (what a population check disputed, where a copy differs) by their names.</summary>
    public static string FieldList(string? fields) =>
        string.Join(", ", (fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Field));

    /// <summary>yyyy-MM-dd (the stored form) as dd/MM/yyyy; anything else as it is.</summary>
    public static string IsoDate(string value) =>
        value.Length == 10 && value[4] == '-' && value[7] == '-' && value.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit)
            ? $"{value[8..10]}/{value[5..7]}/{value[..4]}"
            : value;

    /// <summary>A staff position by its name (SMS or MOET spelling), or null when the lists lack it.</summary>
    public static string? Position(string? position) =>
        position is null ? null : CodeLists.SmsPosition.LabelOf(position) ?? CodeLists.MoetPosition.LabelOf(position);

    /// <summary>What a person of this kind is called in a sentence: "học sinh", or the staff member's position ("giáo viên").</summary>
    public static string PersonNoun(string personKind, string? position) =>
        personKind != WireNames.Staff ? "học sinh" : Position(position)?.ToLower(Vietnamese) ?? "cán bộ, giáo viên";

    /// <summary>The line under a person's name: date of birth and class for a pupil ("12/03/2012 · lớp 8A2"), position for staff.</summary>
    public static string PersonLine(string personKind, DateOnly? dateOfBirth, int? grade, string? className, string? position)
    {
        var parts = new List<string>();
        if (dateOfBirth is { } born)
        {
            parts.Add(Date(born));
        }

        var place = personKind == WireNames.Staff ? (Position(position) ?? position ?? "") : Class(className, grade);
        if (place.Length > 0)
        {
            parts.Add(place);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>A class as a sentence names it: "lớp 8A2"; a preschool group's name already says what it is.</summary>
    public static string Class(string? className, int? grade) =>
        className is null ? grade is { } g ? $"khối {g}" : "" : grade == 0 ? $"nhóm {className}" : $"lớp {className}";

    public static string RunMode(string mode) => mode == SyncMode.Incremental ? "Gia tăng" : "Toàn bộ";

    public static string Number(long value) => value.ToString("N0", Vietnamese);

    public static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", Vietnamese) + " %";

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", Vietnamese) : "–";

    /// <summary>A time of day in Vietnam, to the second (when a check ran).</summary>
    public static string Clock(DateTimeOffset at) => at.ToOffset(VietnamOffset).ToString("HH:mm:ss", Vietnamese);

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

    public static string FixTarget(FixTarget target) => FixTarget(target, WireNames.Student);

    /// <summary>Where the change is made; identity is confirmed with a pupil's family, or with the staff member.</summary>
    public static string FixTarget(FixTarget target, string personKind) => target switch
    {
        Vocabulary.FixTarget.Sms => "Sửa trên SMS",
        Vocabulary.FixTarget.National => "Sửa trên CSDL ngành",
        Vocabulary.FixTarget.Family => personKind == WireNames.Staff ? "Xác minh với người được ghi tên" : "Xác minh với gia đình",
        _ => "Đơn vị vận hành xử lý",
    };

    /// <summary>
    /// Who changed an item, as a clerk reads it: runs write "system", people "role:name" (<see cref="Web.UserExtensions.Actor"/>),
    /// shown as the name and the role's Vietnamese name.
    /// </summary>
    public static string Actor(string actor)
    {
        if (actor == MismatchEvents.System)
        {
            return "Hệ thống (lượt đồng bộ)";
        }

        var colon = actor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && RolesShown.TryGetValue(actor[..colon], out var role) ? $"{actor[(colon + 1)..]} ({role})" : actor;
    }

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
