using DigitalEdu.Simulators.Data;

namespace DigitalEdu.Simulators.Store;

/// <summary>Everything the three listeners serve: the schools and the seven datasets, shared by all listeners.</summary>
internal sealed class RecordStore
{
    private readonly Dictionary<string, DatasetStore> _datasets;
    private int _keylessCounter;

    public RecordStore(IReadOnlyList<School> schools)
    {
        Schools = schools;
        SchoolsByCode = schools.ToDictionary(s => s.Code, StringComparer.Ordinal);
        _datasets = DatasetDefinition.All.ToDictionary(d => d.Name, d => new DatasetStore(d), StringComparer.Ordinal);
        Clock = new UpdateClock(0);
    }

    public IReadOnlyList<School> Schools { get; }

    public IReadOnlyDictionary<string, School> SchoolsByCode { get; }

    public UpdateClock Clock { get; private set; }

    public DatasetStore this[DatasetDefinition definition] => _datasets[definition.Name];

    public DatasetStore? Find(string datasetName) => _datasets.GetValueOrDefault(datasetName);

    public IEnumerable<DatasetStore> Datasets => _datasets.Values;

    /// <summary>
    /// A stand-in key for a record sent without its own, so it still has a place in the listing order; "~" sorts after every real key.
    /// </summary>
    public string NextKeylessKey() => $"~missing-key-{++_keylessCounter:D6}";

    public void Add(DatasetDefinition definition, string key, string schoolCode, DateTime updatedAt, byte[] json) =>
        _datasets[definition.Name].AddUnsorted(new RecordEntry(key, schoolCode, updatedAt.Ticks, json));

    /// <summary>Sorts every dataset once generation is done and starts the admin clock after the newest record.</summary>
    public void Seal()
    {
        foreach (var dataset in _datasets.Values)
        {
            dataset.Seal();
        }

        Clock = new UpdateClock(_datasets.Values.Max(d => d.LatestTicks));
    }
}
