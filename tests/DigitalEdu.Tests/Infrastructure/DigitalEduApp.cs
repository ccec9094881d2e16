using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Simulators;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Staging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// The real service (web API and Hangfire workers in one process) on a fresh, migrated PostgreSQL database,
/// pulling from the simulators over loopback HTTP.
/// </summary>
public sealed class DigitalEduApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    private DigitalEduApp(string connectionString, SimulatorHost simulators, IDictionary<string, string?>? overrides)
    {
        ConnectionString = connectionString;
        Simulators = simulators;
        var credentials = simulators.Credentials;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DigitalEdu"] = connectionString,
            ["Upstreams:Sms:BaseUrl"] = simulators.SmsUrl.ToString(),
            ["Upstreams:Sms:ClientId"] = credentials.SmsClientId,
            ["Upstreams:Sms:ClientSecret"] = credentials.SmsClientSecret,
            ["Upstreams:Sms:Scope"] = credentials.SmsScope,
            ["Upstreams:Provincial:BaseUrl"] = simulators.ProvincialUrl.ToString(),
            ["Upstreams:Provincial:ApiKey"] = credentials.ProvincialApiKey,
            ["Upstreams:National:BaseUrl"] = simulators.NationalUrl.ToString(),
            ["Upstreams:National:ClientId"] = credentials.NationalClientId,
            ["Upstreams:National:ClientSecret"] = credentials.NationalClientSecret,
            ["Upstreams:National:Scope"] = credentials.NationalScope,
            ["Sync:ProvinceCode"] = simulators.ProvinceCode,
            ["Sync:Schedule"] = "-",
            ["Jobs:PollIntervalMilliseconds"] = "100",

            // Each idle Hangfire worker holds a LISTEN connection; the test classes' hosts share one PostgreSQL.
            ["Sync:Workers"] = "8",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    /// <summary>
    /// Stops the host, then closes the idle pooled connections it leaves behind (Hangfire's and EF Core's pools are per connection
    /// string, so each test class's database would otherwise keep its own until they idle out, and the server runs out of slots).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    public string ConnectionString { get; }

    /// <summary>The configuration this host runs with, so a worker process can be started with the same.</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    public SimulatorHost Simulators { get; }

    public static async Task<DigitalEduApp> StartAsync(SimulatorHost simulators, IDictionary<string, string?>? overrides = null)
    {
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateDatabaseAsync("e2e");
        await MigrateAsync(connectionString);
        return new DigitalEduApp(connectionString, simulators, overrides);
    }

    /// <summary>
    /// The service as a deployment runs it: the migrate step connects as the owner (the test cluster's superuser) and grants
    /// <paramref name="serviceRole"/> what it needs; the host connects as that role, which may append to the audit log but not
    /// change it. <see cref="OwnerConnectionString"/> reaches the same database as the owner.
    /// </summary>
    public static async Task<DigitalEduApp> StartAsServiceRoleAsync(SimulatorHost simulators, string serviceRole, IDictionary<string, string?>? overrides = null)
    {
        var cluster = await PostgresCluster.GetAsync();
        var owner = await cluster.CreateDatabaseAsync("role");
        await using (var dataSource = NpgsqlDataSource.Create(owner))
        await using (var db = new DigitalEduDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(owner).Options))
        {
            await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None, serviceRole);
        }

        var service = new NpgsqlConnectionStringBuilder(owner) { Username = serviceRole }.ConnectionString;
        return new DigitalEduApp(service, simulators, overrides) { OwnerConnectionString = owner };
    }

    /// <summary>The database's owner (the cluster's superuser); the same as <see cref="ConnectionString"/> unless started as a service role.</summary>
    public string OwnerConnectionString
    {
        get => ownerConnectionString ?? ConnectionString;
        private init => ownerConnectionString = value;
    }

    private readonly string? ownerConnectionString;

    /// <summary>A fresh database of the test cluster, migrated, for tests that work on the tables without a host.</summary>
    public static async Task<NpgsqlDataSource> CreateMigratedDatabaseAsync(string prefix)
    {
        var connectionString = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync(prefix);
        await MigrateAsync(connectionString);
        return NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The migrate step, run before the host starts as it is in a deployment.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var db = new DigitalEduDbContext(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).Options);
        await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client carrying a fresh bearer token of the given role (and schools, for a school user).</summary>
    public async Task<HttpClient> CreateClientAsync(string role, params string[] schools)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueTokenAsync(Services, role, schools));
        return client;
    }

    /// <summary>A fresh token of the given role, as create-token issues it, owned by a test person named after the role.</summary>
    public static async Task<string> IssueTokenAsync(IServiceProvider services, string role, params string[] schools)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigitalEduDbContext>();
        var (token, _) = await ApiTokens.IssueAsync(db, $"{role}@test.example.vn", $"test {role}", role, schools, ApiTokens.DefaultLifetime,
            DateTimeOffset.UtcNow, CancellationToken.None);
        return token;
    }

    /// <summary>Starts a run through the API and waits until it has finished.</summary>
    public static async Task<RunResult> RunSyncAsync(HttpClient operatorClient, string mode = "full", string? schoolCode = null, int timeoutSeconds = 180)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/v1/sync-runs", new { mode, schoolCode });
        response.EnsureSuccessStatusCode();
        var accepted = (await response.Content.ReadFromJsonAsync<RunResult>())!;
        return await WaitForRunAsync(operatorClient, accepted.Id, timeoutSeconds);
    }

    public static async Task<RunResult> WaitForRunAsync(HttpClient operatorClient, Guid runId, int timeoutSeconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var run = (await operatorClient.GetFromJsonAsync<RunResult>($"/api/v1/sync-runs/{runId}"))!;
            if (run.FinishedAt is not null)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not finish within {timeoutSeconds} s; last status {run.Status}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every item the API lists for a query, following nextCursor.</summary>
    public static async Task<List<MismatchDto>> ListAllMismatchesAsync(HttpClient client, string query = "")
    {
        var items = new List<MismatchDto>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/mismatches?limit=1000{query}" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = (await client.GetFromJsonAsync<MismatchPageDto>(url))!;
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }
}

public sealed record RunResult(Guid Id, string Status, string? Mode, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, System.Text.Json.JsonElement Counts, string? Error);

public sealed record MismatchPageDto(List<MismatchDto> Items, string? NextCursor);

public sealed record MismatchDto(
    string Id, string Kind, string? Detail, string? Side, string PersonKind, string SchoolCode, string? SmsKey, string? MoetCode, string? PersonalId,
    string? Field, string? SmsValue, string? NationalValue, string? ProvincialValue, string Status, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    string? FixIn = null, string? Guidance = null, PersonDto? Person = null, bool OperatorOnly = false);

public sealed record PersonDto(string? FullName, DateOnly? DateOfBirth, string? Gender, int? Grade, string? ClassName, string? Position);
