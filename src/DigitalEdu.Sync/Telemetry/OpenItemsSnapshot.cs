using System.Diagnostics.Metrics;
using DigitalEdu.Domain.Vocabulary;
using Npgsql;

namespace DigitalEdu.Sync.Telemetry;

/// <summary>
/// Open mismatch items by kind for the <c>digitaledu.mismatches.open</c> gauge. A scrape must not run a query, so the gauge
/// reads the figures taken at the end of the last reconcile; a process that has not reconciled yet (a web host, a worker
/// just started) takes them once, in the background, on its first scrape.
/// </summary>
public sealed class OpenItemsSnapshot(NpgsqlDataSource dataSource)
{
    private IReadOnlyDictionary<string, long>? counts;
    private int loading;

    public IReadOnlyDictionary<string, long>? Current => Volatile.Read(ref counts);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in Domain.Vocabulary.MismatchKinds.All)
        {
            // Every kind is reported, zero included, so a dashboard sees a queue empty rather than gone.
            fresh[kind] = 0;
        }

        await using var command = dataSource.CreateCommand($"SELECT kind, count(*) FROM mismatches WHERE status = '{MismatchStatus.Open}' GROUP BY kind");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh[reader.GetString(0)] = reader.GetInt64(1);
        }

        Volatile.Write(ref counts, fresh);
    }

    internal IEnumerable<Measurement<long>> Observe()
    {
        if (Current is not { } current)
        {
            if (Interlocked.Exchange(ref loading, 1) == 0)
            {
                _ = LoadInBackgroundAsync();
            }

            return [];
        }

        return current.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>(SyncTelemetry.KindTag, c.Key)));
    }

    private async Task LoadInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Not migrated or unreachable: the readiness check reports that; the gauge tries again on the next scrape.
            Volatile.Write(ref loading, 0);
        }
    }
}
