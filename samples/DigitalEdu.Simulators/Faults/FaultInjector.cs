using System.Collections.Concurrent;
using System.Text;

namespace DigitalEdu.Simulators.Faults;

/// <summary>
/// The fault state of one upstream listener: the current settings (switched at run time), how often each request was seen, and
/// the count of faults actually injected per kind.
/// </summary>
public sealed class FaultInjector(UpstreamSource source, int dataSeed)
{
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FaultKind, long> _injected = new();
    private FaultSettings? _settings;
    private long _requests;

    public UpstreamSource Source { get; } = source;

    public FaultSettings? Settings => Volatile.Read(ref _settings);

    /// <summary>Data calls seen while faults were on.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Distinct data calls (method, path and query) seen while faults were on; the rest of <see cref="Requests"/> were asked again.</summary>
    public long DistinctRequests => _seen.Count;

    /// <summary>Switches faults on (or changes them). Counts and request history go on, so a test can switch kinds mid-run.</summary>
    public void Configure(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Volatile.Write(ref _settings, settings);
    }

    public void Disable() => Volatile.Write(ref _settings, null);

    /// <summary>Injected faults per kind, every kind listed.</summary>
    public IReadOnlyDictionary<FaultKind, long> Injected() => FaultKinds.All.ToDictionary(k => k, k => _injected.GetValueOrDefault(k));

    /// <summary>Forgets counts and history (not the settings).</summary>
    public void Reset()
    {
        _seen.Clear();
        _injected.Clear();
        Interlocked.Exchange(ref _requests, 0);
    }

    /// <summary>
    /// Draws the fault for one data call, or null. <paramref name="applies"/> says whether a kind makes sense for this request
    /// (a malformed record needs a listing, an expired token needs a bearer upstream); a draw that does not apply is no fault.
    /// </summary>
    internal (FaultKind Kind, ulong Draw)? Draw(string requestKey, Func<FaultKind, bool> applies)
    {
        var settings = Settings;
        if (settings is null || settings.Rate <= 0 || settings.Kinds.Count == 0)
        {
            return null;
        }

        Interlocked.Increment(ref _requests);
        var occurrence = _seen.AddOrUpdate(requestKey, 1, (_, n) => n + 1);
        var hash = Hash($"{settings.Seed ?? dataSeed}|{Source}|{requestKey}|{occurrence}");
        var share = (hash >> 11) * (1.0 / (1UL << 53));
        if (share >= settings.Rate)
        {
            return null;
        }

        var kind = settings.Kinds[(int)(Mix(hash) % (ulong)settings.Kinds.Count)];
        return applies(kind) ? (kind, Mix(Mix(hash))) : null;
    }

    internal void Count(FaultKind kind) => _injected.AddOrUpdate(kind, 1, (_, n) => n + 1);

    // FNV-1a then a SplitMix finaliser: stable across processes and runtimes, unlike string.GetHashCode.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Mix(hash);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
