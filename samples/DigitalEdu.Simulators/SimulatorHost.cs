using System.Text.Json;
using DigitalEdu.Simulators.Data;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Simulators.Hosting;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Simulators;

/// <summary>
/// The three simulated upstreams running in this process, on loopback. Tests start it on port 0 and read the bound URLs;
/// the command line runs the same host on fixed ports.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication[] _apps;
    private readonly SimulatorState _state;

    private SimulatorHost(SimulatorOptions options, SimulatorState state, WebApplication[] apps, Uri[] urls)
    {
        _state = state;
        Options = options;
        GroundTruth = state.GroundTruth;
        _apps = apps;
        SmsUrl = urls[0];
        ProvincialUrl = urls[1];
        NationalUrl = urls[2];
    }

    public SimulatorOptions Options { get; }

    public SimulatorCredentials Credentials => Options.Credentials;

    public string ProvinceCode => Options.ProvinceCode;

    public GroundTruth GroundTruth { get; }

    /// <summary>The bound base URLs, e.g. http://127.0.0.1:5101.</summary>
    public Uri SmsUrl { get; }

    public Uri ProvincialUrl { get; }

    public Uri NationalUrl { get; }

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken ct)
    {
        var data = await Task.Run(() => DataGenerator.Generate(options), ct);
        var state = new SimulatorState(options, data.Store, data.GroundTruth);
        if (options.GroundTruthPath is { } path)
        {
            await File.WriteAllBytesAsync(path, state.GroundTruthJson, ct);
        }

        var apps = new[]
        {
            UpstreamApp.Build(UpstreamSource.Sms, options.SmsPort, state),
            UpstreamApp.Build(UpstreamSource.Provincial, options.ProvincialPort, state),
            UpstreamApp.Build(UpstreamSource.National, options.NationalPort, state),
        };
        var urls = new Uri[apps.Length];
        try
        {
            for (var i = 0; i < apps.Length; i++)
            {
                await apps[i].StartAsync(ct);
                var address = apps[i].Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                urls[i] = new Uri(address);
            }
        }
        catch
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            throw;
        }

        return new SimulatorHost(options, state, apps, urls);
    }

    /// <summary>Switches faults on for one upstream, or for all three when <paramref name="source"/> is null (as <c>POST /admin/faults</c>).</summary>
    public void SetFaults(FaultSettings settings, UpstreamSource? source = null)
    {
        foreach (var injector in Injectors(source))
        {
            injector.Configure(settings);
        }
    }

    /// <summary>Switches faults off (as <c>DELETE /admin/faults</c>); the counts stay readable.</summary>
    public void ClearFaults(UpstreamSource? source = null)
    {
        foreach (var injector in Injectors(source))
        {
            injector.Disable();
        }
    }

    /// <summary>Faults injected so far by one upstream, per kind (as <c>GET /admin/faults</c>).</summary>
    public IReadOnlyDictionary<FaultKind, long> InjectedFaults(UpstreamSource source) => _state.Faults[source].Injected();

    /// <summary>Faults injected so far by all three upstreams together, per kind.</summary>
    public IReadOnlyDictionary<FaultKind, long> InjectedFaults() =>
        FaultKinds.All.ToDictionary(kind => kind, kind => _state.Faults.Values.Sum(f => f.Injected()[kind]));

    /// <summary>Data calls the three upstreams saw while faults were on, and how many of them were distinct (the rest were asked again).</summary>
    public (long Requests, long Distinct) FaultedTraffic() =>
        (_state.Faults.Values.Sum(f => f.Requests), _state.Faults.Values.Sum(f => f.DistinctRequests));

    /// <summary>
    /// What a clean full run must store, per listing by the admin dataset name (e.g. <c>sms-students</c>): every record served in
    /// a full snapshot, less those planted so that they cannot be placed and leave nothing behind. A kept record (an unreadable
    /// value, an unknown code) is stored; an attributable quarantined record is stored as one placeholder; an exam without its id
    /// or pupil, and a person record without key, MOET code and personal ID, are not.
    /// </summary>
    public IReadOnlyDictionary<string, int> ExpectedStoredCounts()
    {
        var unstored = GroundTruth.Quarantined.Where(q => !q.Attributable).GroupBy(q => (q.Source, q.Dataset)).ToDictionary(g => g.Key, g => g.Count());
        return Store.DatasetDefinition.All.ToDictionary(
            d => d.Name,
            d => _state.Store[d].Count - unstored.GetValueOrDefault((d.Source.Name(), d.UrlName)));
    }

    private IEnumerable<FaultInjector> Injectors(UpstreamSource? source) =>
        source is { } one ? [_state.Faults[one]] : _state.Faults.Values;

    /// <summary>The school year turns over in the SMS and the provincial copy for the first <paramref name="schools"/> schools.</summary>
    public Scenarios.TurnoverTruth TurnOverSms(int schools) => _state.Turnover.TurnOverSms(schools);

    /// <summary>The national database turns over too, for the same pupils; returns how many records changed.</summary>
    public int TurnOverNational() => _state.Turnover.TurnOverNational();

    /// <summary>The ground truth as served at /admin/ground-truth.</summary>
    public string GroundTruthJson() => JsonSerializer.Serialize(GroundTruth, WireJsonContext.Wire.GroundTruth);

    /// <summary>
    /// Marks a share of every dataset's records as updated now, content unchanged, as a day of enrolment edits would look to an
    /// incremental pull. The choice is a hash of the key and <paramref name="seed"/>, so it is the same every time. Returns how many.
    /// </summary>
    public int TouchRecords(double share, int seed)
    {
        var threshold = (uint)(Math.Clamp(share, 0, 1) * uint.MaxValue);
        var touched = 0;
        foreach (var dataset in _state.Store.Datasets)
        {
            var field = dataset.Definition.UpdatedField;
            touched += dataset.ReplaceMany(
                entry => StableHash(entry.Key, seed) < threshold,
                entry =>
                {
                    var record = System.Text.Json.Nodes.JsonNode.Parse(entry.Json)!.AsObject();
                    var stamp = _state.Store.Clock.Next();
                    record[field] = WireFormats.Instant(stamp);
                    return entry with { UpdatedTicks = stamp.Ticks, Json = JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject) };
                });
        }

        return touched;
    }

    // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
    private static uint StableHash(string key, int seed)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
