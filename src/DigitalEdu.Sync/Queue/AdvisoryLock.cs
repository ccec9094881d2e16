using Npgsql;

namespace DigitalEdu.Sync.Queue;

/// <summary>
/// A PostgreSQL session-level advisory lock held on its own connection. When the worker holding it dies, its session
/// ends and the lock is released, so a job Hangfire hands out again after a crash can take over, while a second delivery
/// of a job that is still running somewhere else steps aside.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;

    private AdvisoryLock(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, int space, long key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection);
        command.Parameters.AddWithValue("space", space);
        command.Parameters.AddWithValue("key", (int)(key ^ (key >> 32)));
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return new AdvisoryLock(connection);
        }

        await connection.DisposeAsync();
        return null;
    }

    public static class Spaces
    {
        public const int Pull = 7101;
        public const int Reconcile = 7102;
        public const int Plan = 7103;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock; the pool resets the session (DISCARD ALL) before reuse.
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
