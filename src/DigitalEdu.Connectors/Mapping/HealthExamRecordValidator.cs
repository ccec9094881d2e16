using DigitalEdu.Domain.Model;
using static DigitalEdu.Connectors.Mapping.RecordRules;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// An SMS health exam: it must say whose it is and when it was done, or it cannot be compared with anything.
/// Each property reports only its first failing check, in the order written.
/// Plain code, not FluentValidation: it runs once per upstream exam, where FluentValidation rules cost ~7 µs a record.
/// </summary>
public sealed class HealthExamRecordValidator(TimeProvider timeProvider) : IRecordValidator<HealthExamRecord>
{
    private readonly HealthFindingsValidator findings = new(timeProvider);

    public IReadOnlyList<RecordFailure> Validate(HealthExamRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<RecordFailure>? failures = null;

        RecordFailure.Add(ref failures, nameof(HealthExamRecord.ExamId), CheckText(record.ExamId, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, nameof(HealthExamRecord.StudentKey), CheckText(record.StudentKey, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, nameof(HealthExamRecord.SchoolCode), string.IsNullOrWhiteSpace(record.SchoolCode) ? Missing : null);

        // Null only when a caller forced it past the annotation; there is nothing to judge then.
        if (record.Findings is { } exam)
        {
            findings.Validate(exam, "Findings.", ref failures);
        }

        return RecordFailure.ToResult(failures);
    }
}
