using DigitalEdu.Domain.Model;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>The outcome of reading one upstream record: either the canonical record or the record kept whole in quarantine.</summary>
public sealed record MappedRecord<T>
    where T : class
{
    private MappedRecord(T? record, QuarantinedRecord? quarantined)
    {
        Record = record;
        Quarantined = quarantined;
    }

    public T? Record { get; }

    public QuarantinedRecord? Quarantined { get; }

    public static MappedRecord<T> Accepted(T record) => new(record, null);

    public static MappedRecord<T> Rejected(QuarantinedRecord quarantined) => new(null, quarantined);
}
