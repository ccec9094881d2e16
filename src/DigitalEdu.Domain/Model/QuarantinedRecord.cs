namespace DigitalEdu.Domain.Model;

/// <summary>A record that could not be read into the canonical model, kept whole with the reasons why.</summary>
public sealed record QuarantinedRecord(string RawJson, string? SourceKey, IReadOnlyList<string> Reasons);
