using DigitalEdu.Domain.Model;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>The outcome of reading one upstream record: either the canonical record or the record kept whole in quarantine.</summary>
public sealed record MappedRecord<T>
    where T : class
{
    private MappedRecord(T? record, QuarantinedRecord? quarantined, IReadOnlyDictionary<string, string>? unknownCodes = null)
    {
        Record = record;
        Quarantined = quarantined;
        UnknownCodes = unknownCodes;
    }

    public T? Record { get; }

    public QuarantinedRecord? Quarantined { get; }

    /// <summary>For a record whose model has no place for them (a school): the code-list fields with a code the list lacks.</summary>
    public IReadOnlyDictionary<string, string>? UnknownCodes { get; }

    public static MappedRecord<T> Accepted(T record, IReadOnlyDictionary<string, string>? unknownCodes = null) => new(record, null, unknownCodes);

    public static MappedRecord<T> Rejected(QuarantinedRecord quarantined) => new(null, quarantined);
}
