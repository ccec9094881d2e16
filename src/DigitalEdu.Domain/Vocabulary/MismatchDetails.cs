namespace DigitalEdu.Domain.Vocabulary;

/// <summary>
/// The details that refine a kind, beside the ones named elsewhere: the sides (<see cref="WireNames"/>: id_missing,
/// record_quarantined), the personal ID defects (<see cref="Identity.PersonalIdNumber.ToDetail"/>), the population check
/// statuses (id_unverified), and the fields (field_mismatch, unreadable_value: <see cref="Fields"/>).
/// </summary>
public static class MismatchDetails
{
    /// <summary>provincial_stale: the provincial copy lacks the record.</summary>
    public const string Missing = "missing";

    /// <summary>provincial_stale: the provincial copy differs from the SMS on some field.</summary>
    public const string Outdated = "outdated";
}
