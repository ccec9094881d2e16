using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync.Drift;

/// <summary>A drifted code as a run left it: how many records hold it, one of their keys, and whether this run saw it first.</summary>
public sealed record DriftedCode(string Source, string Field, string Code, int Records, string ExampleKey, bool FirstSeen);

/// <summary>
/// Code-list drift: the codes the upstreams send that DigitalEdu's lists lack. The school listings' are counted when a run is
/// planned, the stored records' after its reconcile (what the province holds then, from the records' partial index of
/// unknown codes); each code's first and latest sighting is kept. Only keys and codes are recorded, never a person's data.
/// </summary>
public sealed partial class CodeDriftRecorder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<CodeDriftRecorder> logger)
{
    /// <summary>The codes of the school listings a run was planned from (a level, say), counted per source, field and code.</summary>
    public async Task RecordListingAsync(Guid runId, IReadOnlyList<UnknownCode> codes, CancellationToken cancellationToken)
    {
        var counted = codes
            .GroupBy(c => (Source: c.Source.ToWire(), c.Field, c.Code))
            .Select(g => (g.Key.Source, g.Key.Field, g.Key.Code, Records: g.Count(), Example: g.Select(c => c.ExampleKey).Order(StringComparer.Ordinal).First()))
            .ToList();
        await using var command = dataSource.CreateCommand(
            $"""
            DELETE FROM code_drift_counts WHERE run_id = @run AND field = '{Fields.Level}';
            INSERT INTO code_drift_counts (run_id, source, field, code, records, example_key)
            SELECT @run, c.source, c.field, c.code, c.records, c.example
              FROM unnest(@sources, @fields, @codes, @records, @examples) AS c(source, field, code, records, example);
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", runId));
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", counted.Select(c => c.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("fields", counted.Select(c => c.Field).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("codes", counted.Select(c => c.Code).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("records", counted.Select(c => c.Records).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("examples", counted.Select(c => c.Example).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// After a reconcile: the codes the stored records hold, counted for the run, and every code's sighting. Returns the run's
    /// drifted codes; those seen for the first time are logged.
    /// </summary>
    public async Task<IReadOnlyList<DriftedCode>> RecordStoredAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            DELETE FROM code_drift_counts WHERE run_id = @run AND field <> '{Fields.Level}';
            INSERT INTO code_drift_counts (run_id, source, field, code, records, example_key)
            SELECT @run, p.source, c.key, c.value, count(*), min(p.source_key)
              FROM person_records p
             CROSS JOIN LATERAL jsonb_each_text(p.unknown_codes) c
             WHERE p.unknown_codes IS NOT NULL
             GROUP BY p.source, c.key, c.value;
            WITH sighted AS (
                INSERT INTO code_drifts (source, field, code, first_seen_at, first_run_id, last_seen_at, last_run_id)
                SELECT source, field, code, @now, @run, @now, @run FROM code_drift_counts WHERE run_id = @run
                ON CONFLICT (source, field, code) DO UPDATE SET last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id
                RETURNING source, field, code, xmax = 0 AS first_seen)
            SELECT c.source, c.field, c.code, c.records, c.example_key, s.first_seen
              FROM code_drift_counts c
              JOIN sighted s ON s.source = c.source AND s.field = c.field AND s.code = c.code
             WHERE c.run_id = @run
             ORDER BY c.source, c.field, c.code;
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", runId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", clock.GetUtcNow()));
        var drifted = new List<DriftedCode>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                drifted.Add(new DriftedCode(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetBoolean(5)));
            }
        }

        foreach (var code in drifted.Where(c => c.FirstSeen))
        {
            LogFirstSeen(logger, runId, code.Source, code.Field, code.Code, code.Records);
        }

        return drifted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Source} sends a {Field} code DigitalEdu's list lacks, '{Code}', in {Records} records; it is kept as sent")]
    private static partial void LogFirstSeen(ILogger logger, Guid runId, string source, string field, string code, int records);
}
