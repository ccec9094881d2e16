using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalEdu.Service.Commands;

/// <summary>
/// The service's commands besides serving: <c>migrate</c>, <c>create-token</c>, <c>create-user</c> and <c>sync</c>.
/// They run on the same configuration as the host, without starting its web server or workers.
/// </summary>
public sealed class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "create-token", "create-user", "sync"];

    // The commands' own options; every other argument is configuration for the host (e.g. --ConnectionStrings:DigitalEdu=...).
    private static readonly HashSet<string> CommandOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "role", "schools", "name", "mode", "school", "wait", "timeout", "email", "password",
    };

    private readonly string verb;
    private readonly Dictionary<string, string> options;

    private CommandLine(string verb, Dictionary<string, string> options, string[] hostArguments)
    {
        this.verb = verb;
        this.options = options;
        HostArguments = hostArguments;
    }

    /// <summary>The arguments left for the host's configuration.</summary>
    public string[] HostArguments { get; }

    /// <summary>The command the arguments name, or null when the process is to serve.</summary>
    public static CommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hostArguments = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=')[0] : null;
            if (name is null || !CommandOptions.Contains(name))
            {
                hostArguments.Add(arg);
                continue;
            }

            if (arg.Contains('='))
            {
                options[name] = arg[(arg.IndexOf('=') + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
            else
            {
                options[name] = "";
            }
        }

        return new CommandLine(args[0], options, hostArguments.ToArray());
    }

    /// <summary>A command's standard output is its answer (a token, a report): its logs go to standard error.</summary>
    public void ConfigureLogging(WebApplicationBuilder builder) =>
        builder.Logging.ClearProviders().AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

    public async Task<int> RunAsync(WebApplication app)
    {
        // Not started as a server, the host checks no setting by itself: a command checks them first, as serving would.
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        try
        {
            return verb switch
            {
                "migrate" => await MigrateAsync(services),
                "create-token" => await CreateTokenAsync(services, options),
                "create-user" => await CreateUserAsync(services, options),
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

    /// <summary>create-user --email a@b.vn --role operator|officer|school [--schools 22000123,22000124] --password ...: a person who signs in to the web pages.</summary>
    private static async Task<int> CreateUserAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var email = options.GetValueOrDefault("email");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            throw new UsageException("create-user needs --email with an e-mail address.");
        }

        var role = options.GetValueOrDefault("role") ?? throw new UsageException("create-user needs --role operator|officer|school.");
        if (!Roles.All.Contains(role))
        {
            throw new UsageException($"--role must be operator, officer or school, not '{role}'.");
        }

        var schools = (options.GetValueOrDefault("schools") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (role == Roles.School && (schools.Length == 0 || schools.Any(s => s.Length != 8 || !s.All(char.IsAsciiDigit))))
        {
            throw new UsageException("A school user needs --schools with one or more 8-digit school codes.");
        }

        var password = options.GetValueOrDefault("password");
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            throw new UsageException("create-user needs --password of at least 10 characters.");
        }

        var user = await services.GetRequiredService<WebUserSignIn>().CreateOrUpdateAsync(email, role, schools, password, CancellationToken.None);
        Console.WriteLine($"User {user.Email} ({user.Role}{(schools.Length > 0 && role == Roles.School ? ", " + string.Join(",", schools) : "")}) saved.");
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

    private sealed class UsageException(string message) : Exception(message);
}
