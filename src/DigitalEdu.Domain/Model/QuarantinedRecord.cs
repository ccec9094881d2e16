namespace DigitalEdu.Domain.Model;

/// <summary>
/// A record that could not be placed (not an object, or no readable key), kept whole with the reasons why. When its MOET
/// code or personal ID can still be read it is attributable, and <paramref name="Placeholder"/> stands for it among the
/// stored records, so its counterparts are not reported missing.
/// </summary>
public sealed record QuarantinedRecord(string RawJson, string? SourceKey, IReadOnlyList<string> Reasons, PersonRecord? Placeholder = null);
