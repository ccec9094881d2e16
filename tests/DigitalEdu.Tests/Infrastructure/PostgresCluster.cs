using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for the tests. With DIGITALEDU_TEST_POSTGRES set (a connection string to a server where the user may
/// create databases) it uses that server; otherwise it starts a throwaway cluster from Debian's server binaries in a temp
/// folder, on a free loopback port, with fsync off. Each test class gets its own database, cloned from a migrated template.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string ConnectionStringVariable = "DIGITALEDU_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresCluster? shared;

    private const string DirectoryPrefix = "digitaledu-pg-";

    private readonly string? dataDirectory;
    private readonly string? pgCtl;
    private int databaseCounter;

    private PostgresCluster(string adminConnectionString, string? dataDirectory, string? pgCtl)
    {
        AdminConnectionString = adminConnectionString;
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
    }

    public string AdminConnectionString { get; }

    /// <summary>
    /// One cluster per test process, started on first use and stopped when the process exits. <paramref name="settings"/>
    /// (<c>-c name=value</c> options) apply only when this call starts the cluster; the benchmark uses them to load
    /// pg_stat_statements.
    /// </summary>
    public static async Task<PostgresCluster> GetAsync(string settings = "")
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync(settings);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    private static async Task<PostgresCluster> StartAsync(string settings)
    {
        var given = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresCluster(given, null, null);
        }

        var initDb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        RemoveLeftovers();
        var directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to Debian's postgres user.
            await RunAsync("chown", ["postgres", directory], asPostgres: false);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(initDb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        var port = FreePort();
        await RunAsync(pgCtl,
            ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
             $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600 -c shared_buffers=256MB {settings}",
             "start"],
            asRoot);
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        return new PostgresCluster(connectionString, data, pgCtl);
    }

    public async ValueTask DisposeAsync()
    {
        if (dataDirectory is null || pgCtl is null)
        {
            return;
        }

        try
        {
            await RunAsync(pgCtl, ["-D", dataDirectory, "-m", "immediate", "stop"], Environment.UserName == "root");
            Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is in the temp directory and the server dies with the machine anyway.
        }
    }

    /// <summary>
    /// Removes the clusters of test processes that are gone. A process stopped from outside (a killed benchmark, a test host the
    /// runner ended before its exit handlers finished) leaves its cluster's folder behind, up to a gigabyte for a benchmark;
    /// its server is stopped or died with it (no postmaster.pid left), so the folder is only files.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid)
                || File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process may be removing it at the same time; what is left goes next time.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindBinary(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(dir => Path.Combine(dir, "bin", name)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            $"PostgreSQL's {name} was not found. Install the server (apt-get install -y postgresql) or set {ConnectionStringVariable}.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", fileName })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
