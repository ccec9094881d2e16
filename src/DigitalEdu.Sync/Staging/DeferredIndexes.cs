using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync.Staging;

/// <summary>
/// The secondary indexes of a table a full province run replaced (<see cref="StagedRecordsApplier"/>), built once the new table
/// is in place, on a connection of their own while the reconcile runs. The province reconcile hashes whole tables and uses
/// none of them, so the builds share the cores with it instead of queueing before it.
/// <para>
/// A deferred index is recorded in the apply's transaction and removed once built. One still recorded (its worker stopped, or
/// the build failed) is built by the next apply before it reads the table's indexes, so a table never loses one for good.
/// Both happen under the reconcile lock, so nothing else writes the table or builds its indexes meanwhile.
/// </para>
/// </summary>
public sealed partial class DeferredIndexes(NpgsqlDataSource dataSource, ILogger<DeferredIndexes> logger)
{
    /// <summary>Builds what is recorded on a connection of its own, each index in a transaction of its own; returns how long it took.</summary>
    public async Task<TimeSpan> BuildAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // As for the builds in the apply: a province's index sorts in memory instead of spilling to disk. Unlike those, each
        // build here sorts in its own process only: the reconcile beside it runs its statements in parallel workers, and build
        // workers on top of them only crowd the same cores and slow the reconcile, while the builds end first either way.
        await using (var memory = new NpgsqlCommand("SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 0", connection))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        var built = await BuildAsync(connection, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (built > 0)
        {
            LogBuilt(logger, built, elapsed.TotalMilliseconds);
        }

        return elapsed;
    }

    /// <summary>Records an index to build after the apply commits; in the apply's transaction, so it exists exactly when the table does.</summary>
    internal static async Task RecordAsync(
        NpgsqlConnection connection, string name, string table, string definition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO deferred_indexes (name, table_name, definition, deferred_at) VALUES (@name, @table, @definition, now())
            ON CONFLICT (name) DO UPDATE SET table_name = excluded.table_name, definition = excluded.definition, deferred_at = excluded.deferred_at
            """, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("definition", definition);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Builds what is recorded on the caller's connection (and in its transaction, if it has one open).</summary>
    internal static async Task<int> BuildAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var pending = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("SELECT name, definition FROM deferred_indexes ORDER BY name", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, definition) in pending)
        {
            // IF NOT EXISTS in the definition: built but not yet removed (stopped in between) is not an error.
            await using var build = new NpgsqlCommand(definition + "; DELETE FROM deferred_indexes WHERE name = @name", connection)
            {
                CommandTimeout = 0,
            };
            build.Parameters.AddWithValue("name", name);
            await build.ExecuteNonQueryAsync(cancellationToken);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} deferred indexes built in {ElapsedMs:F0} ms")]
    private static partial void LogBuilt(ILogger logger, int count, double elapsedMs);
}
