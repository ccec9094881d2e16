using DigitalEdu.Simulators.Data;

namespace DigitalEdu.Simulators.Variation;

internal enum VariationKind
{
    /// <summary>A status code of a newer list on one side: present but not active, it still pairs; no item.</summary>
    UnknownStatus,

    /// <summary>A staff position code of a newer list, on any sides: descriptive, never compared; no item.</summary>
    UnknownPosition,

    /// <summary>The same ethnicity code outside 01–55 on all three sides: compared as text, equal; no item.</summary>
    UnknownEthnicity,

    /// <summary>A national population-check status of a newer list on a verified record: no id_unverified.</summary>
    UnknownPopulationStatus,

    /// <summary>One field that cannot be right on one side: one unreadable_value item.</summary>
    Unreadable,

    /// <summary>The source key removed, MOET code and personal ID kept: one record_quarantined item.</summary>
    Quarantined,
}

/// <summary>
/// One variation that bears on the ground truth, as planted on one clean person: which kind, on which source, and for
/// <see cref="VariationKind.Unreadable"/> the canonical field. Each clean person takes at most one, so they never interact.
/// </summary>
internal sealed record VariationSlot(VariationKind Kind, UpstreamSource Source, string? Field = null)
{
    private static readonly UpstreamSource[] Sources = [UpstreamSource.Sms, UpstreamSource.Provincial, UpstreamSource.National];

    public static readonly IReadOnlyList<VariationSlot> ForStudents = Build(PersonKind.Student);

    public static readonly IReadOnlyList<VariationSlot> ForStaff = Build(PersonKind.Staff);

    /// <summary>
    /// Exam variations need a pupil whose exams the national record already holds: an extra SMS exam must stay older than the
    /// latest, and a national exam must be there to be damaged.
    /// </summary>
    public bool Fits(Person person) =>
        Field is null || !(Field.StartsWith("healthExam.", StringComparison.Ordinal) || Field.StartsWith("nationalHealth.", StringComparison.Ordinal))
        || (person.Exams.Count > 0 && person.NationalExam is not null);

    private static VariationSlot[] Build(PersonKind kind)
    {
        var student = kind == PersonKind.Student;
        var slots = new List<VariationSlot>();
        slots.AddRange(Sources.Select(s => new VariationSlot(VariationKind.UnknownStatus, s)));
        slots.Add(student
            ? new VariationSlot(VariationKind.UnknownEthnicity, UpstreamSource.Sms)
            : new VariationSlot(VariationKind.UnknownPosition, UpstreamSource.Sms));
        slots.Add(new VariationSlot(VariationKind.UnknownPopulationStatus, UpstreamSource.National));

        string[] fields = student
            ? ["dateOfBirth", "grade", "fullName", "className", "gender", "ethnicityCode"]
            : ["dateOfBirth", "fullName", "gender", "position"];
        slots.AddRange(Sources.SelectMany(s => fields.Select(f => new VariationSlot(VariationKind.Unreadable, s, f))));
        if (student)
        {
            slots.Add(new VariationSlot(VariationKind.Unreadable, UpstreamSource.Sms, "healthExam.heightCm"));
            slots.Add(new VariationSlot(VariationKind.Unreadable, UpstreamSource.Sms, "healthExam.examDate"));
            slots.Add(new VariationSlot(VariationKind.Unreadable, UpstreamSource.National, "nationalHealth.heightCm"));
            slots.Add(new VariationSlot(VariationKind.Unreadable, UpstreamSource.National, "nationalHealth.examDate"));
        }

        slots.AddRange(Sources.Select(s => new VariationSlot(VariationKind.Quarantined, s)));
        return [.. slots];
    }
}
