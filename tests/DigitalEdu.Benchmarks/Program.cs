using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DigitalEdu.Benchmarks;
using DigitalEdu.Data;
using DigitalEdu.Simulators;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Province-scale benchmark. Generates a province in the simulators, runs the service as separate processes against a throwaway
// PostgreSQL, and prints one table: full run by phase, incremental run, one school, the officer's pages and lists (p50, p95),
// peak memory, the floor, one vs two workers.
if (args.Contains("--mapping"))
{
    return await MappingBenchmark.RunAsync(IntOption(args, "--persons", 20_000), IntOption(args, "--passes", 3));
}

var persons = IntOption(args, "--persons", 1_000_000);
var schools = IntOption(args, "--schools", Math.Max(20, persons / 333));
var skipTwoWorkers = args.Contains("--skip-two-workers");
var pageRequests = IntOption(args, "--page-requests", 30);
var sqlProfile = args.Contains("--sql-profile");
var serviceDirectory = StringOption(args, "--service-directory", "");
if (serviceDirectory.Length > 0)
{
    ServiceProcess.ServiceDirectory = Path.GetFullPath(serviceDirectory);
}
var figures = new List<(string Name, string Value, string Note)>();
var clock = Stopwatch.StartNew();
Console.WriteLine($"DigitalEdu benchmark: {persons:N0} persons, {schools:N0} schools, {Environment.ProcessorCount} cores");
Console.WriteLine($"  service: {(serviceDirectory.Length > 0 ? serviceDirectory : "the Release build output")}");

// PostgreSQL as the tests start it (fsync off, 256 MB shared buffers); the floor is measured on the same server.
// --postgres-settings adds server options ("-c name=value ..."), e.g. docker-compose.yml's. With --sql-profile it also loads
// pg_stat_statements: PostgreSQL's own account of where its time goes, printed per run.
var postgresSettings = StringOption(args, "--postgres-settings", "")
    + (sqlProfile ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" : "");
var cluster = await PostgresCluster.GetAsync(postgresSettings);
if (postgresSettings.Contains("-c", StringComparison.Ordinal))
{
    Console.WriteLine($"  PostgreSQL settings added: {postgresSettings.Trim()}");
}

var connectionString = await cluster.CreateDatabaseAsync("bench");
var profiles = new List<(string Run, string Statements)>();
await using (var dataSource = NpgsqlDataSource.Create(connectionString))
await using (var db = new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).Options))
{
    await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None);
    if (sqlProfile)
    {
        await using var extension = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await extension.ExecuteNonQueryAsync();
    }
}

var generation = Stopwatch.StartNew();
await using var simulators = await SimulatorHost.StartAsync(
    new SimulatorOptions { Persons = persons, Schools = schools, VendorVariation = false }.WithFreePorts(), CancellationToken.None);
Console.WriteLine($"  simulators ready in {generation.Elapsed.TotalSeconds:F0} s");

var port = FreePort();
var environment = new Dictionary<string, string>
{
    ["ConnectionStrings__DigitalEdu"] = connectionString,
    ["Upstreams__Sms__BaseUrl"] = simulators.SmsUrl.ToString(),
    ["Upstreams__Provincial__BaseUrl"] = simulators.ProvincialUrl.ToString(),
    ["Upstreams__National__BaseUrl"] = simulators.NationalUrl.ToString(),
    ["Upstreams__Sms__ClientSecret"] = simulators.Credentials.SmsClientSecret,
    ["Upstreams__Provincial__ApiKey"] = simulators.Credentials.ProvincialApiKey,
    ["Upstreams__National__ClientSecret"] = simulators.Credentials.NationalClientSecret,
    ["Sync__ProvinceCode"] = simulators.ProvinceCode,
    ["Sync__Schedule"] = "-",
    ["Jobs__PollIntervalMilliseconds"] = "100",
    ["Logging__LogLevel__Default"] = "Warning",

    // One client address times the pages one request after another: the per-address limiter would measure itself.
    ["RateLimits__RequestsPerSecond"] = "100000",
    ["RateLimits__RequestBurst"] = "100000",
};
var token = await ServiceProcess.RunCommandAsync(environment, "create-token", "--role", "operator", "--owner", "benchmark@localhost", "--name", "benchmark");
var officerToken = await ServiceProcess.RunCommandAsync(environment, "create-token", "--role", "officer", "--owner", "benchmark@localhost", "--name", "benchmark officer");
await ServiceProcess.RunCommandAsync(environment, "create-user", "--email", PageTimings.OfficerEmail, "--role", "officer", "--password", PageTimings.OfficerPassword);
await ServiceProcess.RunCommandAsync(environment, "create-user", "--email", PageTimings.OperatorEmail, "--role", "operator", "--password", PageTimings.OfficerPassword);
var service = ServiceProcess.Start(environment, "--urls", $"http://127.0.0.1:{port}");
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
await WaitReadyAsync(http);

await using var reader = NpgsqlDataSource.Create(connectionString);

// 1. Full run on an empty database.
var full = await ProfiledRunAsync("full run", "full", null);
figures.Add(("full run, end to end", Seconds(full.Total), $"{full.Stored:N0} records stored, {full.Quarantined:N0} quarantined, status {full.Status}; {full.Cpu}"));
figures.Add(("  plan (list schools, fan out)", Seconds(full.Plan), $"{full.Pulls:N0} pulls"));
figures.Add(("  pull + stage (HTTP, map, COPY)", Seconds(full.Pull), $"{full.Stored / Math.Max(1, full.Pull.TotalSeconds):N0} records/s"));
figures.Add(("  apply + reconcile + publish", Seconds(full.Reconcile), $"{full.ItemsFound:N0} items; {full.Steps}"));

// The full run replaced the stored tables; autovacuum's first pass over them (visibility map, statistics) starts within its
// nap time and would otherwise share the two cores with the incremental run. It is run here, measured, as it runs on a
// deployment hours before the day's incremental runs.
var maintenance = Stopwatch.StartNew();
await using (var vacuum = reader.CreateCommand("VACUUM (ANALYZE)"))
{
    vacuum.CommandTimeout = 0;
    await vacuum.ExecuteNonQueryAsync();
}

figures.Add(("  then VACUUM (ANALYZE), not in the run", Seconds(maintenance.Elapsed), "what autovacuum does to the replaced tables after a full run"));

// --prewarm: the stored tables and items, with their indexes, read into PostgreSQL's shared buffers after the full run (which
// loaded them through a small ring, so none of their pages is there). Only meaningful with shared buffers large enough to
// hold them (--postgres-settings "-c shared_buffers=..."); it shows what the incremental runs cost once the server is warm.
if (args.Contains("--prewarm"))
{
    var prewarm = Stopwatch.StartNew();
    await using var command = reader.CreateCommand(
        """
        CREATE EXTENSION IF NOT EXISTS pg_prewarm;
        SELECT sum(pg_prewarm(r))
          FROM unnest(ARRAY['person_records', 'health_exams', 'mismatches']::regclass[]) AS t(stored)
         CROSS JOIN LATERAL (SELECT t.stored UNION ALL SELECT i.indexrelid::regclass FROM pg_index i WHERE i.indrelid = t.stored) AS x(r);
        """);
    command.CommandTimeout = 0;
    var pages = await command.ExecuteScalarAsync();
    figures.Add(("  then pg_prewarm, not in the run", Seconds(prewarm.Elapsed), $"{pages:N0} pages of the stored tables, the items and their indexes"));
}

// 2. Incremental run after 1% of the records changed upstream.
var touched = simulators.TouchRecords(0.01, seed: 7);
var incremental = await ProfiledRunAsync("incremental run", "incremental", null);
figures.Add(("incremental run, 1% changed", Seconds(incremental.Total), $"{touched:N0} records touched, {incremental.Stored:N0} re-pulled; pull {Seconds(incremental.Pull)}, {incremental.Steps}; {incremental.Cpu}"));

// The next incremental run, after another 1% changed: during enrolment runs follow each other every few minutes, and the
// first one after a full run meets colder caches (PostgreSQL's buffers, the service's code for small pages).
var touchedAgain = simulators.TouchRecords(0.01, seed: 8);
var nextIncremental = await ProfiledRunAsync("next incremental run", "incremental", null);
figures.Add(("  the next incremental run, another 1% changed", Seconds(nextIncremental.Total), $"{touchedAgain:N0} records touched, {nextIncremental.Stored:N0} re-pulled; pull {Seconds(nextIncremental.Pull)}, {nextIncremental.Steps}; {nextIncremental.Cpu}"));

// 3. One school re-run.
var school = simulators.GroundTruth.Items.GroupBy(i => i.SchoolCode).OrderByDescending(g => g.Count()).First().Key;
var oneSchool = await ProfiledRunAsync("one school", "full", school);
figures.Add(("one school re-run", Seconds(oneSchool.Total), $"school {school}, {oneSchool.Stored:N0} records"));

// Page timings: the officer's pages with a signed-in session and the lists with a token, on the province the runs left and,
// with --history N (default 30), N earlier province runs' coverage behind it: a province in its second term has that much,
// and trends and the latest snapshot per school must not grow with it.
var history = IntOption(args, "--history", 30);
if (pageRequests > 0)
{
    if (history > 0)
    {
        await AddHistoryAsync(reader, connectionString, history);
        figures.Add(($"  history behind the pages", "", $"{history} earlier province runs' coverage, copies of the full run's a day apart"));
    }

    figures.Add(($"pages and lists, {pageRequests} requests each", "", "one after another, after one warm-up request; target p95 under 300 ms"));
    figures.AddRange(await PageTimings.MeasureAsync(http.BaseAddress!, officerToken.Split('\n')[^1].Trim(), token.Split('\n')[^1].Trim(), reader, pageRequests));
}

// --hold: after the page timings, the province stays up (service, simulators, database) until a line is read from standard
// input, to look into a page or a query at full size by hand.
if (args.Contains("--hold"))
{
    Console.WriteLine($"  holding: {http.BaseAddress} (officer {PageTimings.OfficerEmail} / {PageTimings.OfficerPassword}), database {connectionString}");
    Console.WriteLine("  press Enter to go on");
    Console.ReadLine();
}

// 4. Peak memory of the service process so far.
figures.Add(("peak memory of the service", $"{service.PeakRssMegabytes():N0} MiB", "VmHWM of the web+worker process"));

// 5. The floor: the same rows by binary COPY into PostgreSQL, plus one FULL OUTER JOIN of SMS against national.
var floor = await FloorAsync(reader);
figures.Add(("floor: COPY + FULL OUTER JOIN", Seconds(floor.Copy + floor.Join), $"COPY {Seconds(floor.Copy)}, join {Seconds(floor.Join)}, {floor.Rows:N0} rows"));
figures.Add(("full run / floor", $"{full.Total / (floor.Copy + floor.Join):F1}×", "target at most 3×"));

// 6. One worker against two worker processes, both on a warm database (updates, not first inserts).
if (!skipTwoWorkers)
{
    var oneWorker = await RunAsync(http, reader, service.Id, "full", null);
    await using (var second = ServiceProcess.Start(environment, "--Role", "worker", "--urls", $"http://127.0.0.1:{FreePort()}"))
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var twoWorkers = await RunAsync(http, reader, service.Id, "full", null);
        figures.Add(("full run, one worker process (warm)", Seconds(oneWorker.Total), ""));
        figures.Add(("full run, two worker processes (warm)", Seconds(twoWorkers.Total), $"speed-up {oneWorker.Total / twoWorkers.Total:F2}× (target 1.7×)"));
        figures.Add(("peak memory of the second worker", $"{second.PeakRssMegabytes():N0} MiB", ""));
    }
}

figures.Add(("peak memory of the service (end)", $"{service.PeakRssMegabytes():N0} MiB", ""));
await service.DisposeAsync();

Console.WriteLine();
Console.WriteLine($"| figure | value | note |");
Console.WriteLine($"|---|---|---|");
foreach (var (name, value, note) in figures)
{
    Console.WriteLine($"| {name} | {value} | {note} |");
}

foreach (var (run, statements) in profiles)
{
    Console.WriteLine();
    Console.WriteLine($"PostgreSQL statements of the {run}, by total time:");
    Console.WriteLine(statements);
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; benchmark took {clock.Elapsed.TotalMinutes:F1} min.");
return 0;

async Task<RunFigures> ProfiledRunAsync(string name, string mode, string? schoolCode)
{
    if (!sqlProfile)
    {
        return await RunAsync(http, reader, service.Id, mode, schoolCode);
    }

    await using (var reset = reader.CreateCommand("SELECT pg_stat_statements_reset()"))
    {
        await reset.ExecuteNonQueryAsync();
    }

    var figures = await RunAsync(http, reader, service.Id, mode, schoolCode);
    await using var top = reader.CreateCommand(
        """
        SELECT round(total_exec_time::numeric / 1000, 1), calls, round(mean_exec_time::numeric, 2), rows,
               left(regexp_replace(query, '\s+', ' ', 'g'), 110)
          FROM pg_stat_statements
         ORDER BY total_exec_time DESC
         LIMIT 15
        """);
    await using var rows = await top.ExecuteReaderAsync();
    var text = new System.Text.StringBuilder("| total s | calls | mean ms | rows | statement |\n|---|---|---|---|---|\n");
    while (await rows.ReadAsync())
    {
        text.Append(CultureInfo.InvariantCulture, $"| {rows.GetDecimal(0)} | {rows.GetInt64(1):N0} | {rows.GetDecimal(2)} | {rows.GetInt64(3):N0} | `{rows.GetString(4).Replace("|", "\\|", StringComparison.Ordinal)}` |\n");
    }

    profiles.Add((name, text.ToString()));
    return figures;
}

static async Task<RunFigures> RunAsync(HttpClient http, NpgsqlDataSource db, int servicePid, string mode, string? schoolCode)
{
    var cpuBefore = CpuUse.Now(servicePid);
    var response = await http.PostAsJsonAsync("/api/v1/sync-runs", new { mode, schoolCode });
    response.EnsureSuccessStatusCode();
    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    while (true)
    {
        await Task.Delay(250);
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/v1/sync-runs/{id}");
        if (run.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
        {
            break;
        }
    }

    await using var command = db.CreateCommand(
        """
        SELECT r.status, r.requested_at, r.started_at, r.finished_at, COALESCE(r.reconcile_enqueued_at, r.finished_at),
               COALESCE(min(p.started_at), r.started_at), COALESCE(max(p.finished_at), r.started_at),
               COALESCE(sum(p.stored), 0), COALESCE(sum(p.quarantined), 0), count(p.id),
               COALESCE((r.counts -> 'items' ->> 'found')::int, 0),
               COALESCE((SELECT string_agg(key || ' ' || round(value::numeric / 1000, 1), ', ' ORDER BY value::numeric DESC)
                           FROM jsonb_each_text(r.counts -> 'milliseconds')), '')
          FROM sync_runs r LEFT JOIN pulls p ON p.run_id = r.id
         WHERE r.id = @id
         GROUP BY r.id
        """);
    command.Parameters.AddWithValue("id", id);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    DateTimeOffset At(int i) => reader.GetFieldValue<DateTimeOffset>(i);
    return new RunFigures(
        reader.GetString(0), At(3) - At(1), At(2) - At(1), At(6) - At(5), At(3) - At(4),
        reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt32(10), reader.GetString(11), CpuUse.Now(servicePid) - cpuBefore);
}

static async Task<(TimeSpan Copy, TimeSpan Join, long Rows)> FloorAsync(NpgsqlDataSource db)
{
    await using var connection = await db.OpenConnectionAsync();
    var buffer = new MemoryStream();
    await using (var export = await connection.BeginRawBinaryCopyAsync("COPY person_records TO STDOUT (FORMAT BINARY)"))
    {
        await export.CopyToAsync(buffer);
    }

    await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS floor_rows; CREATE TABLE floor_rows (LIKE person_records)", connection))
    {
        await create.ExecuteNonQueryAsync();
    }

    var copy = Stopwatch.StartNew();
    buffer.Position = 0;
    await using (var import = await connection.BeginRawBinaryCopyAsync("COPY floor_rows FROM STDIN (FORMAT BINARY)"))
    {
        // In 1 MiB writes: one write of the whole buffer would be one CopyData message, and PostgreSQL refuses messages of
        // 1 GiB or more (a million persons' rows are about that).
        // (MemoryStream.CopyToAsync would hand over its whole buffer in one write whatever the buffer size asked for.)
        var exported = buffer.GetBuffer();
        for (var offset = 0; offset < buffer.Length; offset += 1 << 20)
        {
            await import.WriteAsync(exported.AsMemory(offset, (int)Math.Min(1 << 20, buffer.Length - offset)));
        }
    }

    copy.Stop();
    await using (var analyze = new NpgsqlCommand("ANALYZE floor_rows", connection))
    {
        await analyze.ExecuteNonQueryAsync();
    }

    // The same memory for the join as the reconcile gives its hashes, so the floor does not spill where the run does not.
    await using (var memory = new NpgsqlCommand("SET work_mem = '256MB'", connection))
    {
        await memory.ExecuteNonQueryAsync();
    }

    var join = Stopwatch.StartNew();
    await using var command = new NpgsqlCommand(
        """
        SELECT count(*)
          FROM (SELECT * FROM floor_rows WHERE source = 'sms') s
          FULL OUTER JOIN (SELECT * FROM floor_rows WHERE source = 'national') n ON n.moet_code = s.moet_code AND n.person_kind = s.person_kind
        """, connection)
    { CommandTimeout = 0 };
    await command.ExecuteScalarAsync();
    join.Stop();
    await using var count = new NpgsqlCommand("SELECT count(*) FROM floor_rows", connection);
    var rows = (long)(await count.ExecuteScalarAsync())!;
    return (copy.Elapsed, join.Elapsed, rows);
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 240; i++)
    {
        try
        {
            if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(500);
    }

    throw new TimeoutException("The service did not become ready.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";

// Earlier province runs, each with a copy of the full run's coverage snapshots a day further back, and their roll-ups, which
// the migrate step writes for runs without one.
static async Task AddHistoryAsync(NpgsqlDataSource dataSource, string connectionString, int runs)
{
    await using var command = dataSource.CreateCommand(
        $$"""
        CREATE TEMP TABLE history_runs AS SELECT gen_random_uuid() AS id, i FROM generate_series(1, {{runs}}) i;
        INSERT INTO sync_runs (id, mode, status, requested_by, requested_at, started_at, finished_at, pulls_total, counts, paused_sources)
        SELECT id, 'full', 'succeeded', 'benchmark history', now() - make_interval(days => i), now() - make_interval(days => i),
               now() - make_interval(days => i), 0, '{}', '{}'
          FROM history_runs;
        INSERT INTO coverage_snapshots (run_id, school_code, person_kind, taken_at, persons, with_personal_id, verified, health_current, open_items)
        SELECT h.id, c.school_code, c.person_kind, c.taken_at - make_interval(days => h.i), c.persons, c.with_personal_id, c.verified,
               c.health_current, c.open_items
          FROM history_runs h
         CROSS JOIN (SELECT c.* FROM coverage_snapshots c JOIN sync_runs r ON r.id = c.run_id WHERE r.school_code IS NULL) c;
        DROP TABLE history_runs;
        """);
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
    await using (var db = new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).Options))
    {
        await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None);
    }

    await using var analyze = dataSource.CreateCommand("ANALYZE sync_runs, coverage_snapshots, coverage_rollups");
    await analyze.ExecuteNonQueryAsync();
}

static string StringOption(string[] args, string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static int IntOption(string[] args, string name, int fallback) =>
    StringOption(args, name, "") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

internal sealed record RunFigures(
    string Status, TimeSpan Total, TimeSpan Plan, TimeSpan Pull, TimeSpan Reconcile, long Stored, long Quarantined, long Pulls, int ItemsFound,
    string Steps, CpuUse Cpu);
