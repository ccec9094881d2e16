using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Connectors.Mapping.RecordRules;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// An SMS health exam: it must say which exam it is and whose, or it cannot be placed; its findings are judged like the
/// national copy's. Each property reports only its first failing check, in the order written.
/// Plain code, not FluentValidation: it runs once per upstream exam, on the pull path (docs/adr/0007).
/// </summary>
public sealed class HealthExamRecordValidator(TimeProvider timeProvider) : IRecordValidator<HealthExamRecord>
{
    private readonly HealthFindingsValidator findings = new(timeProvider);

    public IReadOnlyList<RecordFailure> Validate(HealthExamRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<RecordFailure>? failures = null;

        RecordFailure.Add(ref failures, Fields.ExamId, CheckText(record.ExamId, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, Fields.StudentKey, CheckText(record.StudentKey, MaxKeyLength, required: true));

        // Null only when a caller forced it past the annotation; there is nothing to judge then.
        if (record.Findings is { } exam)
        {
            findings.Validate(exam, Fields.HealthExam + ".", ref failures);
        }

        return RecordFailure.ToResult(failures);
    }
}
