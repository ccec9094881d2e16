namespace DigitalEdu.Simulators.Planting;

/// <summary>
/// One planted discrepancy, as a (kind, detail) the reconciler reports, and whether it applies to staff. Each planted person
/// carries exactly one plant so that plants never interact.
/// </summary>
internal sealed record Plant(string Name, bool AppliesToStaff)
{
    public static readonly Plant HealthOlder = new("health_not_synced/older", false);
    public static readonly Plant HealthNone = new("health_not_synced/none", false);
    public static readonly Plant IdMissingSms = new("id_missing/sms", true);
    public static readonly Plant IdMissingNational = new("id_missing/national", true);
    public static readonly Plant IdLeadingZeroLost = new("id_invalid/leading_zero_lost", true);
    public static readonly Plant IdLegacyCmnd = new("id_invalid/legacy_cmnd", true);
    public static readonly Plant IdFormatLetters = new("id_invalid/format/letters", true);
    public static readonly Plant IdFormatTenDigits = new("id_invalid/format/ten_digits", true);
    public static readonly Plant IdUnknownProvince = new("id_invalid/unknown_province_code", true);
    public static readonly Plant IdGenderDigit = new("id_invalid/gender_digit", true);
    public static readonly Plant IdBirthYear = new("id_invalid/birth_year", true);
    public static readonly Plant UnverifiedNotChecked = new("id_unverified/CHUA_XAC_THUC", true);
    public static readonly Plant UnverifiedWrongInfo = new("id_unverified/SAI_THONG_TIN", true);
    public static readonly Plant UnverifiedNotFound = new("id_unverified/KHONG_TIM_THAY", true);
    public static readonly Plant DuplicateSms = new("id_duplicate/sms", true);
    public static readonly Plant MissingInNational = new("missing_in_national", true);
    public static readonly Plant MissingInSms = new("missing_in_sms", true);
    public static readonly Plant Unlinked = new("unlinked/new_entrant", true);
    public static readonly Plant FieldFullName = new("field_mismatch/fullName", true);
    public static readonly Plant FieldDateOfBirth = new("field_mismatch/dateOfBirth", true);
    public static readonly Plant FieldGenderNational = new("field_mismatch/gender/national_wrong", true);
    public static readonly Plant FieldGenderSms = new("field_mismatch/gender/sms_wrong", true);
    public static readonly Plant FieldFatherName = new("field_mismatch/fatherName", false);
    public static readonly Plant FieldMotherName = new("field_mismatch/motherName", false);
    public static readonly Plant FieldEthnicity = new("field_mismatch/ethnicityCode", false);
    public static readonly Plant FieldSchoolCode = new("field_mismatch/schoolCode", true);
    public static readonly Plant FieldGrade = new("field_mismatch/grade", false);
    public static readonly Plant FieldClassName = new("field_mismatch/className", false);
    public static readonly Plant FieldStatus = new("field_mismatch/status", true);
    public static readonly Plant FieldPersonalId = new("field_mismatch/personalId", true);
    public static readonly Plant Transfer = new("field_mismatch/schoolCode/transfer", true);
    public static readonly Plant ProvincialMissing = new("provincial_stale/missing", true);
    public static readonly Plant ProvincialOutdated = new("provincial_stale/outdated", true);

    public static readonly IReadOnlyList<Plant> All =
    [
        HealthOlder, HealthNone, IdMissingSms, IdMissingNational, IdLeadingZeroLost, IdLegacyCmnd, IdFormatLetters, IdFormatTenDigits,
        IdUnknownProvince, IdGenderDigit, IdBirthYear, UnverifiedNotChecked, UnverifiedWrongInfo, UnverifiedNotFound, DuplicateSms,
        MissingInNational, MissingInSms, Unlinked, FieldFullName, FieldDateOfBirth, FieldGenderNational, FieldGenderSms, FieldFatherName,
        FieldMotherName, FieldEthnicity, FieldSchoolCode, FieldGrade, FieldClassName, FieldStatus, FieldPersonalId, Transfer,
        ProvincialMissing, ProvincialOutdated,
    ];
}
