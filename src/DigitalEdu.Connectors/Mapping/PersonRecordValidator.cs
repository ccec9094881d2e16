using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using static DigitalEdu.Connectors.Mapping.RecordRules;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The canonical record's invariants, whichever source it came from, by canonical field name (<see cref="Fields"/>). Messages
/// carry no field name: the mapper reports them under the source's own name for the field, so an operator can find it in
/// the raw JSON. A field that fails here is unknown, not a reason to drop the record (but the source key, without which it
/// cannot be placed). The personal ID is deliberately not judged here (beyond control characters): an odd ID is a finding
/// for the school, reported by the reconciler. Codes are judged by their lists while they are read.
/// Each property reports only its first failing check, in the order written; a field left null by the reader (missing or
/// unreadable there) is not judged again.
/// Plain code, not FluentValidation: it runs once per upstream record, on the pull path (docs/adr/0007).
/// </summary>
public sealed class PersonRecordValidator(TimeProvider timeProvider) : IRecordValidator<PersonRecord>
{
    private readonly HealthFindingsValidator health = new(timeProvider);

    public IReadOnlyList<RecordFailure> Validate(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<RecordFailure>? failures = null;

        RecordFailure.Add(ref failures, Fields.SourceKey, CheckText(record.SourceKey, MaxKeyLength, required: true));
        RecordFailure.Add(ref failures, Fields.FullName, CheckText(record.FullName, MaxNameLength));
        RecordFailure.Add(ref failures, Fields.DateOfBirth, record.DateOfBirth is { } born ? CheckDate(born, timeProvider) : null);
        RecordFailure.Add(ref failures, Fields.SchoolCode, CheckText(record.SchoolCode, MaxKeyLength));
        RecordFailure.Add(ref failures, Fields.MoetCode,
            IsTenDigits(record.MoetCode) ? null : $"{JsonRecordReader.Quote(record.MoetCode ?? "")} is not 10 digits");
        RecordFailure.Add(ref failures, Fields.PersonalId, HasNoControlCharacters(record.PersonalIdRaw) ? null : ControlCharacter);

        RecordFailure.Add(ref failures, Fields.EthnicityCode, CheckText(record.EthnicityCode, MaxShortTextLength));
        RecordFailure.Add(ref failures, Fields.FatherName, CheckText(record.FatherName, MaxNameLength));
        RecordFailure.Add(ref failures, Fields.MotherName, CheckText(record.MotherName, MaxNameLength));
        RecordFailure.Add(ref failures, Fields.ClassName, CheckText(record.ClassName, MaxShortTextLength));

        if (record.Kind == PersonKind.Student)
        {
            RecordFailure.Add(ref failures, Fields.Grade, record.Grade is < 0 or > 12 ? $"{record.Grade.Value} is outside 0..12" : null);
        }

        if (record.NationalHealth is { } findings)
        {
            health.Validate(findings, Fields.NationalHealth + ".", ref failures);
        }

        return RecordFailure.ToResult(failures);
    }
}
