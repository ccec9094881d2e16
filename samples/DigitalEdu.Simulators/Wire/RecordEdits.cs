using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Store;

namespace DigitalEdu.Simulators.Wire;

/// <summary>
/// Changes to some of one person's wire records, by listing and key, applied in the order added as the records are written.
/// Only a record with an edit is parsed and written again; every other record keeps the bytes the writer made.
/// </summary>
internal sealed class RecordEdits
{
    private readonly List<(DatasetDefinition Dataset, string Key, Action<JsonObject> Edit)> _edits = [];
    private readonly HashSet<(string Dataset, string Key)> _keyless = [];

    public bool IsEmpty => _edits.Count == 0;

    public void Add(DatasetDefinition dataset, string key, Action<JsonObject> edit) => _edits.Add((dataset, key, edit));

    /// <summary>Removes the record's key property; the store then files it under a stand-in key, as it does any keyless record.</summary>
    public void RemoveKey(DatasetDefinition dataset, string key)
    {
        Add(dataset, key, o => o.Remove(dataset.KeyField));
        _keyless.Add((dataset.Name, key));
    }

    public bool Has(DatasetDefinition dataset, string key) => _edits.Exists(e => e.Dataset == dataset && e.Key == key);

    public bool RemovesKey(DatasetDefinition dataset, string key) => _keyless.Contains((dataset.Name, key));

    public byte[] Apply(DatasetDefinition dataset, string key, byte[] json)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        foreach (var (d, k, edit) in _edits)
        {
            if (d == dataset && k == key)
            {
                edit(record);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject);
    }
}
