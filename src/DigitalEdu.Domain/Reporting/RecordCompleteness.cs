using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Domain.Reporting;

/// <summary>
/// When a record counts as complete ("cập nhật đầy đủ thông tin"): every field the national database requires is present and
/// valid. The rule is written once, here, and read by the reconcile's figures; a complete record has a valid personal ID, so
/// "complete" is always part of "with a valid ID".
/// </summary>
public static class RecordCompleteness
{
    /// <summary>What every person's record needs.</summary>
    public static readonly IReadOnlyList<string> RequiredOfEveryone =
        [Fields.PersonalId, Fields.MoetCode, Fields.FullName, Fields.DateOfBirth, Fields.Gender];

    /// <summary>What a pupil's record needs besides.</summary>
    public static readonly IReadOnlyList<string> RequiredOfPupils = [Fields.EthnicityCode, Fields.Grade, Fields.ClassName];

    /// <summary>What a staff member's record needs besides (staff records carry no ethnicity in the SMS).</summary>
    public static readonly IReadOnlyList<string> RequiredOfStaff = [Fields.Position];

    /// <summary>
    /// The rule in SQL over a stored person aliased <paramref name="person"/>: a valid ID (present, no defect), every required
    /// field present, and no value of the record unreadable (a field that could not be right is not valid).
    /// </summary>
    public static string Sql(string person) =>
        $"""
        ({person}.id_present AND {person}.id_defect IS NULL AND {person}.personal_id_digits IS NOT NULL AND {person}.moet_code IS NOT NULL
         AND {person}.full_name IS NOT NULL AND {person}.date_of_birth IS NOT NULL AND {person}.gender IS NOT NULL
         AND {person}.unreadable IS NULL
         AND CASE WHEN {person}.person_kind = '{WireNames.Student}'
                  THEN {person}.ethnicity_code IS NOT NULL AND {person}.grade IS NOT NULL AND {person}.class_name IS NOT NULL
                  ELSE {person}.position IS NOT NULL END)
        """;
}
