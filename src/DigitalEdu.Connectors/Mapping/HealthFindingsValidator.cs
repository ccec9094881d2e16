using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Connectors.Mapping.RecordRules;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// A health exam's findings. Messages carry no field name: the mapper prefixes the source's own name for the field.
/// Each property reports only its first failing check, in the order written.
/// Plain code, not FluentValidation: it runs for every exam and national student on the pull path (docs/adr/0007).
/// </summary>
public sealed class HealthFindingsValidator(TimeProvider timeProvider) : IRecordValidator<HealthFindings>
{
    public IReadOnlyList<RecordFailure> Validate(HealthFindings record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<RecordFailure>? failures = null;
        Validate(record, "", ref failures);
        return RecordFailure.ToResult(failures);
    }

    /// <summary>Adds the findings' failures under <paramref name="prefix"/>, the path of the findings in the record that holds them.</summary>
    internal void Validate(HealthFindings findings, string prefix, ref List<RecordFailure>? failures)
    {
        Add(ref failures, prefix, Fields.ExamDate, findings.ExamDate is { } date ? CheckDate(date, timeProvider) : null);
        Add(ref failures, prefix, Fields.HeightCm, CheckNotNegative(findings.HeightCm));
        Add(ref failures, prefix, Fields.WeightKg, CheckNotNegative(findings.WeightKg));
        Add(ref failures, prefix, Fields.Bmi, CheckNotNegative(findings.Bmi));
        Add(ref failures, prefix, Fields.BloodGroup, CheckText(findings.BloodGroup, MaxShortTextLength));
        Add(ref failures, prefix, Fields.EyeCondition, CheckText(findings.EyeCondition, MaxNameLength));
        Add(ref failures, prefix, Fields.CongenitalCondition, CheckText(findings.CongenitalCondition, MaxNameLength));
        Add(ref failures, prefix, Fields.SpineCondition, CheckText(findings.SpineCondition, MaxNameLength));
    }

    private static string? CheckNotNegative(decimal? value) => value < 0 ? $"{value.Value} is negative" : null;

    // The path is only put together for a failure.
    private static void Add(ref List<RecordFailure>? failures, string prefix, string property, string? message)
    {
        if (message is not null)
        {
            RecordFailure.Add(ref failures, prefix + property, message);
        }
    }
}
