using System.Text.Json.Serialization;

namespace DigitalEdu.Simulators.Wire;

/// <summary>The SMS's wire records (camelCase, ISO dates, "male"/"female").</summary>
/// <summary>A school of <c>GET /schools</c>; an older SMS version sends no <c>communeName</c> at all.</summary>
internal sealed record SmsSchool(
    string SchoolCode,
    string Name,
    string Level,
    string CommuneCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CommuneName,
    string ProvinceCode);

internal sealed record SmsStudent(
    string StudentId,
    string? MoetCode,
    string? PersonalId,
    string FullName,
    string DateOfBirth,
    string Gender,
    string? EthnicityCode,
    string? FatherName,
    string? MotherName,
    string SchoolCode,
    int Grade,
    string? ClassName,
    string Status,
    string UpdatedAt);

internal sealed record SmsStaff(
    string StaffId,
    string? MoetStaffCode,
    string? PersonalId,
    string FullName,
    string DateOfBirth,
    string Gender,
    string SchoolCode,
    string? Position,
    string Status,
    string UpdatedAt);

internal sealed record SmsHealthExam(
    string ExamId,
    string StudentId,
    string ExamDate,
    double HeightCm,
    double WeightKg,
    double Bmi,
    string BloodGroup,
    string? EyeCondition,
    string? CongenitalCondition,
    string? SpineCondition,
    bool CanSwim,
    string UpdatedAt);
