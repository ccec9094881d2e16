using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Jobs;
using DigitalEdu.Sync.Persistence;
using DigitalEdu.Sync.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalEdu.Service.Commands;

/// <summary>
/// The service's commands besides serving: <c>migrate</c>, <c>create-token</c> and <c>sync</c>.
/// They run on the same configuration as the host, without starting its web server or workers.
/// </summary>
public static class CommandLine
{
    public static readonly string[] Verbs = ["migrate", "create-token", "sync"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var options = ParseOptions(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(services),
                "create-token" => await CreateTokenAsync(services, options),
                _ => await SyncAsync(services, options),
            };
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    /// <summary>Applies the EF Core migrations and installs the Hangfire schema: the explicit step before any worker starts.</summary>
    private static async Task<int> MigrateAsync(IServiceProvider services)
    {
        await DatabaseMigrator.MigrateAsync(
            services.GetRequiredService<DigitalEduDbContext>(), services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);

        Console.WriteLine("Database migrated.");
        return 0;
    }

    /// <summary>create-token --role operator|officer|school [--schools 22000123,22000124] [--name label]</summary>
    private static async Task<int> CreateTokenAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var role = options.GetValueOrDefault("role") ?? throw new UsageException("create-token needs --role operator|officer|school.");
        if (!Roles.All.Contains(role))
        {
            throw new UsageException($"--role must be operator, officer or school, not '{role}'.");
        }

        var schools = (options.GetValueOrDefault("schools") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (role == Roles.School && schools.Length == 0)
        {
            throw new UsageException("A school token needs --schools with one or more school codes.");
        }

        var token = ApiTokens.NewToken();
        var db = services.GetRequiredService<DigitalEduDbContext>();
        db.ApiTokens.Add(new ApiToken
        {
            Name = options.GetValueOrDefault("name") ?? $"{role} token",
            Role = role,
            SchoolCodes = role == Roles.School ? schools : [],
            TokenHash = ApiTokens.Hash(token),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();

        // Printed once: only its hash is kept.
        Console.WriteLine(token);
        return 0;
    }

    /// <summary>sync [--mode full|incremental] [--school 22000123] [--wait]: starts a run; with --wait, follows it and prints the queue summary.</summary>
    private static async Task<int> SyncAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var request = new StartSyncRunRequest(options.GetValueOrDefault("mode") ?? SyncMode.Full, options.GetValueOrDefault("school"));
        var validation = await new StartSyncRunValidator().ValidateAsync(request);
        if (!validation.IsValid)
        {
            throw new UsageException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        var run = await services.GetRequiredService<SyncRunStarter>().StartAsync(request, "command line", CancellationToken.None);
        Console.WriteLine($"Run {run.Id} queued ({run.Mode}{(run.SchoolCode is null ? "" : ", school " + run.SchoolCode)}).");
        if (!options.ContainsKey("wait"))
        {
            return 0;
        }

        var timeout = TimeSpan.FromSeconds(int.TryParse(options.GetValueOrDefault("timeout"), out var t) ? t : 600);
        var finished = await RunReport.WaitAsync(services, run.Id, timeout);
        await RunReport.PrintAsync(services, finished, Console.Out);
        return finished.Status == SyncRunStatus.Succeeded ? 0 : 1;
    }

    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var (name, value) = arg.Contains('=') ? (arg[2..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..]) : (arg[2..], "");
                result[name] = value;
                pending = value == "" ? name : null;
            }
            else if (pending is not null)
            {
                result[pending] = arg;
                pending = null;
            }
        }

        return result;
    }

    private sealed class UsageException(string message) : Exception(message);
}
