using System.Text.Json;
using DigitalEdu.Domain.Model;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The last step of every mapper: validate the candidate record and decide. Validation failures are reported under the
/// source's field names; a field the reader already gave a reason for is not reported twice.
/// </summary>
internal static class RecordCompletion
{
    public static MappedRecord<T> Complete<T>(
        JsonElement element,
        JsonRecordReader reader,
        T candidate,
        string? sourceKey,
        IRecordValidator<T> validator,
        IReadOnlyDictionary<string, string> wireNames)
        where T : class
    {
        var failures = reader.IsObject ? validator.Validate(candidate) : [];
        if (reader.Reasons.Count == 0 && failures.Count == 0)
        {
            return MappedRecord<T>.Accepted(candidate);
        }

        var reasons = new List<string>(reader.Reasons);
        for (var i = 0; i < failures.Count; i++)
        {
            var failure = failures[i];
            var field = wireNames.TryGetValue(failure.PropertyName, out var wire) ? wire : CamelCase(failure.PropertyName);
            if (!reader.HasFailed(field))
            {
                reasons.Add($"{field}: {failure.Message}");
            }
        }

        return reasons.Count == 0
            ? MappedRecord<T>.Accepted(candidate)
            : MappedRecord<T>.Rejected(new QuarantinedRecord(element.GetRawText(), sourceKey, reasons));
    }

    /// <summary>A record that is not even a JSON object.</summary>
    public static MappedRecord<T> NotAnObject<T>(JsonElement element, JsonRecordReader reader)
        where T : class => MappedRecord<T>.Rejected(new QuarantinedRecord(element.GetRawText(), null, [.. reader.Reasons]));

    private static string CamelCase(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
