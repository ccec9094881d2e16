namespace DigitalEdu.Simulators.Store;

/// <summary>
/// A dataset of one source: its admin name, the wire fields that hold its key, school and update time, and the name the
/// ground truth uses for it in quarantine entries (the last segment of its URL).
/// </summary>
internal sealed record DatasetDefinition(
    string Name,
    UpstreamSource Source,
    string UrlName,
    string KeyField,
    string? SchoolField,
    string UpdatedField)
{
    public static readonly DatasetDefinition SmsStudents = new("sms-students", UpstreamSource.Sms, "students", "studentId", "schoolCode", "updatedAt");
    public static readonly DatasetDefinition SmsStaff = new("sms-staff", UpstreamSource.Sms, "staff", "staffId", "schoolCode", "updatedAt");

    // Exams carry no school code; they stay in the partition of the school they were listed under.
    public static readonly DatasetDefinition SmsHealthExams = new("sms-health-exams", UpstreamSource.Sms, "health-exams", "examId", null, "updatedAt");
    public static readonly DatasetDefinition ProvincialLearners = new("provincial-learners", UpstreamSource.Provincial, "learners", "maHocSinh", "maTruong", "capNhatLuc");
    public static readonly DatasetDefinition ProvincialStaff = new("provincial-staff", UpstreamSource.Provincial, "staff", "maCanBo", "maTruong", "capNhatLuc");
    public static readonly DatasetDefinition NationalStudents = new("national-students", UpstreamSource.National, "students", "HOC_SINH_ID", "TRUONG_ID", "NGAY_CAP_NHAT");
    public static readonly DatasetDefinition NationalStaff = new("national-staff", UpstreamSource.National, "staff", "GIAO_VIEN_ID", "TRUONG_ID", "NGAY_CAP_NHAT");

    public static readonly IReadOnlyList<DatasetDefinition> All =
        [SmsStudents, SmsStaff, SmsHealthExams, ProvincialLearners, ProvincialStaff, NationalStudents, NationalStaff];
}
