using System.Text.Json;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The last step of every mapper: validate the candidate record and decide. A record whose identity could not be read is
/// quarantined whole with every reason (a person's with a placeholder when its MOET code or personal ID can still be
/// read); any other failing field, the reader's or the validator's, becomes unknown: null in the record, the value as
/// received kept among its unreadable values. A field the reader already gave a reason for is not reported twice.
/// </summary>
internal static class RecordCompletion
{
    /// <summary>A person's record; <paramref name="listingSchool"/> is where its school code points when that code breaks its rule.</summary>
    public static MappedRecord<PersonRecord> Complete(
        JsonElement element, JsonRecordReader reader, PersonRecord candidate, IRecordValidator<PersonRecord> validator, FieldTable fields,
        string? listingSchool)
    {
        var failures = reader.IsObject ? validator.Validate(candidate) : [];
        if (!reader.IdentityFailed && reader.Reasons.Count == 0 && failures.Count == 0)
        {
            return MappedRecord<PersonRecord>.Accepted(reader.UnknownCodes is null ? candidate : candidate with { UnknownCodes = reader.UnknownCodes });
        }

        var record = candidate;
        foreach (var failure in failures)
        {
            if (!reader.HasFailed(failure.PropertyName))
            {
                FailFound(reader, fields, failure);
                record = failure.PropertyName == Fields.SchoolCode
                    ? record with { SchoolCode = listingSchool ?? "" }
                    : PersonFields.Without(record, failure.PropertyName);
            }
        }

        if (reader.IdentityFailed)
        {
            return MappedRecord<PersonRecord>.Rejected(new QuarantinedRecord(
                element.GetRawText(), reader.IsObject ? candidate.SourceKey.NullIfEmpty() : null, [.. reader.Reasons], Placeholder(reader, record)));
        }

        return MappedRecord<PersonRecord>.Accepted(record with { Unreadable = reader.Unreadable, UnknownCodes = reader.UnknownCodes });
    }

    public static MappedRecord<HealthExamRecord> Complete(
        JsonElement element, JsonRecordReader reader, HealthExamRecord candidate, IRecordValidator<HealthExamRecord> validator, FieldTable fields)
    {
        var failures = reader.IsObject ? validator.Validate(candidate) : [];
        if (!reader.IdentityFailed && reader.Reasons.Count == 0 && failures.Count == 0)
        {
            return MappedRecord<HealthExamRecord>.Accepted(candidate);
        }

        var exam = candidate;
        foreach (var failure in failures)
        {
            if (!reader.HasFailed(failure.PropertyName))
            {
                FailFound(reader, fields, failure);
                if (failure.PropertyName.StartsWith(FindingPrefix, StringComparison.Ordinal))
                {
                    exam = exam with { Findings = PersonFields.Without(exam.Findings, failure.PropertyName[FindingPrefix.Length..]) };
                }
            }
        }

        // An exam is not a person: one that cannot be placed stays in quarantine, with nothing standing for it.
        return reader.IdentityFailed
            ? MappedRecord<HealthExamRecord>.Rejected(new QuarantinedRecord(element.GetRawText(), candidate.ExamId.NullIfEmpty(), [.. reader.Reasons]))
            : MappedRecord<HealthExamRecord>.Accepted(exam with { Unreadable = reader.Unreadable });
    }

    private const string FindingPrefix = Fields.HealthExam + ".";

    /// <summary>A record that is not even a JSON object.</summary>
    public static MappedRecord<T> NotAnObject<T>(JsonElement element, JsonRecordReader reader)
        where T : class => MappedRecord<T>.Rejected(new QuarantinedRecord(element.GetRawText(), null, [.. reader.Reasons]));

    /// <summary>A failure the validator found on a field the reader read: reported under the source's name for it, with its value.</summary>
    private static void FailFound(JsonRecordReader reader, FieldTable fields, RecordFailure failure)
    {
        if (!fields.TryFind(failure.PropertyName, out var field, out var parent))
        {
            throw new InvalidOperationException($"The validator judged {failure.PropertyName}, which the field table does not have.");
        }

        var value = parent is null ? reader.ValueOf(field) : (reader.ValueOf(parent) is { ValueKind: JsonValueKind.Object } nested
            && nested.TryGetProperty(field.Utf8Name, out var inner) ? inner : null);
        reader.Fail(parent is null ? field : WireField.Nested(parent, field), failure.Message, value);
    }

    /// <summary>
    /// What stands for an attributable quarantined person among the stored records: its MOET code or personal ID (and school)
    /// is all that can be trusted of it. Null when neither can be read.
    /// </summary>
    private static PersonRecord? Placeholder(JsonRecordReader reader, PersonRecord candidate)
    {
        if (!reader.IsObject)
        {
            return null;
        }

        // The record as read, so a MOET code or school that broke its rule is not carried over.
        var moet = reader.HasFailed(Fields.MoetCode) || (reader.HasFailed(Fields.SourceKey) && candidate.Source != Source.Sms) ? null : candidate.MoetCode;
        var personalId = reader.HasFailed(Fields.PersonalId) ? null : PersonalIdNumber.Clean(candidate.PersonalIdRaw);
        if (moet is null && personalId is null)
        {
            return null;
        }

        return new PersonRecord
        {
            Source = candidate.Source,
            Kind = candidate.Kind,
            SourceKey = moet is not null ? $"{PlaceholderKeyPrefix}moet:{moet}" : $"{PlaceholderKeyPrefix}id:{personalId}",
            MoetCode = moet,
            PersonalIdRaw = personalId,
            SchoolCode = candidate.SchoolCode,
            UpdatedAt = DateTimeOffset.MinValue,
            QuarantineReasons = [.. reader.Reasons],
        };
    }

    /// <summary>How a placeholder's source key starts: no source's own key does (theirs are codes without a colon).</summary>
    public const string PlaceholderKeyPrefix = "quarantined:";

    private static string? NullIfEmpty(this string value) => value.Length == 0 ? null : value;
}
