using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Service.Commands;

/// <summary>
/// The service's commands besides serving: <c>migrate</c>, <c>create-token</c>, <c>list-tokens</c>, <c>revoke-token</c>,
/// <c>create-user</c>, <c>disable-user</c> and <c>sync</c>. They run on the same configuration as the host, without starting its
/// web server or workers.
/// </summary>
public sealed class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "create-token", "list-tokens", "revoke-token", "create-user", "disable-user", "sync"];

    // The commands' own options; every other argument is configuration for the host (e.g. --ConnectionStrings:DigitalEdu=...).
    private static readonly HashSet<string> CommandOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "role", "schools", "name", "owner", "days", "id", "mode", "school", "wait", "timeout", "email", "password",
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
                "list-tokens" => await ListTokensAsync(services),
                "revoke-token" => await RevokeTokenAsync(services, options),
                "create-user" => await CreateUserAsync(services, options),
                "disable-user" => await DisableUserAsync(services, options),
                _ => await SyncAsync(services, options),
            };
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    /// <summary>
    /// Applies the EF Core migrations and installs the Hangfire schema: the explicit step before any worker starts. With
    /// ConnectionStrings:DigitalEduOwner it connects as the owner and hands the service's role (ConnectionStrings:DigitalEdu's
    /// user) what it needs, and no more: the audit log stays append-only for it.
    /// </summary>
    private static async Task<int> MigrateAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (string.IsNullOrWhiteSpace(database.DigitalEduOwner))
        {
            await DatabaseMigrator.MigrateAsync(
                services.GetRequiredService<DigitalEduDbContext>(), services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);
            await Console.Error.WriteLineAsync(
                $"note: the service and the migration share one database role, so nothing but the service's own code keeps the audit log "
                + $"append-only; set {DatabaseOptions.OwnerKey} to migrate as the owner and give the service a role of its own.");
        }
        else
        {
            var owner = database.DigitalEduOwner;
            await using var dataSource = NpgsqlDataSource.Create(owner);
            await using var db = new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>()
                .UseDigitalEduDatabase(owner).UseLoggerFactory(services.GetRequiredService<ILoggerFactory>()).Options);
            var role = database.ServiceRole();
            await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None, role,
                role is null ? null : new NpgsqlConnectionStringBuilder(database.DigitalEdu).Password);
            if (role is not null)
            {
                Console.WriteLine($"Role {role} may read and append to the audit log, not change it.");
            }
        }

        Console.WriteLine("Database migrated.");
        return 0;
    }

    /// <summary>
    /// create-token --role operator|officer|school --owner person@example.vn [--schools 22000123,22000124] [--name label] [--days 90]:
    /// a token for the person who will use it, printed once; it stops working after --days (90 by default, at most 365).
    /// </summary>
    private static async Task<int> CreateTokenAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var role = options.GetValueOrDefault("role") ?? throw new UsageException("create-token needs --role operator|officer|school.");
        if (!Roles.All.Contains(role))
        {
            throw new UsageException($"--role must be operator, officer or school, not '{role}'.");
        }

        var owner = options.GetValueOrDefault("owner");
        if (string.IsNullOrWhiteSpace(owner) || !owner.Contains('@') || owner.Length > 256)
        {
            throw new UsageException("create-token needs --owner with the e-mail address of the person the token belongs to (the audit log names them).");
        }

        var schools = SchoolList(options);
        if (role == Roles.School && schools.Length == 0)
        {
            throw new UsageException("A school token needs --schools with one or more 8-digit school codes.");
        }

        var lifetime = ApiTokens.DefaultLifetime;
        if (options.TryGetValue("days", out var days))
        {
            if (!int.TryParse(days, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || TimeSpan.FromDays(n) > ApiTokens.LongestLifetime)
            {
                throw new UsageException($"--days must be a whole number from 1 to {ApiTokens.LongestLifetime.TotalDays:0}.");
            }

            lifetime = TimeSpan.FromDays(n);
        }

        var (token, row) = await ApiTokens.IssueAsync(services.GetRequiredService<DigitalEduDbContext>(), owner, options.GetValueOrDefault("name"), role,
            schools, lifetime, services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        await services.GetRequiredService<AuditLog>().WriteAsync(AuditActor.CommandLine, AuditAction.TokenCreated,
            new AuditSubject(Detail: $"token #{row.Id} for {row.Owner} ({row.Role}), expires {row.ExpiresAt:yyyy-MM-dd}"), null, CancellationToken.None);

        // Printed once: only its hash is kept.
        Console.WriteLine(token);
        await Console.Error.WriteLineAsync($"Token #{row.Id} for {row.Owner} ({row.Role}) expires {row.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        return 0;
    }

    /// <summary>list-tokens: every token with its owner, role, schools, expiry and whether it was revoked (never the token itself).</summary>
    private static async Task<int> ListTokensAsync(IServiceProvider services)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tokens = await services.GetRequiredService<DigitalEduDbContext>().ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        Console.WriteLine("id\towner\tname\trole\tschools\tcreated\texpires\tstate");
        foreach (var t in tokens)
        {
            var state = t.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}" : t.ExpiresAt <= now ? "expired" : "active";
            Console.WriteLine($"{t.Id}\t{t.Owner}\t{t.Name}\t{t.Role}\t{string.Join(',', t.SchoolCodes)}\t{t.CreatedAt:yyyy-MM-dd HH:mm}\t{t.ExpiresAt:yyyy-MM-dd HH:mm}\t{state}");
        }

        return 0;
    }

    /// <summary>revoke-token --id N: the token stops working within seconds on every process (ApiTokenAuthenticationHandler.CacheFor).</summary>
    private static async Task<int> RevokeTokenAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        if (!long.TryParse(options.GetValueOrDefault("id"), System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new UsageException("revoke-token needs --id with the token's number (see list-tokens).");
        }

        if (!await ApiTokens.RevokeAsync(services.GetRequiredService<DigitalEduDbContext>(), id, services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None))
        {
            await Console.Error.WriteLineAsync($"There is no active token #{id}.");
            return 1;
        }

        await services.GetRequiredService<AuditLog>().WriteAsync(AuditActor.CommandLine, AuditAction.TokenRevoked, new AuditSubject(Detail: $"token #{id}"), null, CancellationToken.None);
        Console.WriteLine($"Token #{id} revoked.");
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

        var schools = SchoolList(options);
        if (role == Roles.School && schools.Length == 0)
        {
            throw new UsageException("A school user needs --schools with one or more 8-digit school codes.");
        }

        var password = options.GetValueOrDefault("password");
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("create-user needs --password (at least 12 characters).");
        }

        var errors = await services.GetRequiredService<WebUserSignIn>().CreateOrUpdateAsync(email, role, schools, password, CancellationToken.None);
        if (errors.Count > 0)
        {
            throw new UsageException(string.Join(" ", errors));
        }

        Console.WriteLine($"User {email.Trim().ToLowerInvariant()} ({role}{(schools.Length > 0 && role == Roles.School ? ", " + string.Join(",", schools) : "")}) saved.");
        return 0;
    }

    /// <summary>disable-user --email a@b.vn: the user's sessions end at once and they cannot sign in until create-user enables them again.</summary>
    private static async Task<int> DisableUserAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var email = options.GetValueOrDefault("email");
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new UsageException("disable-user needs --email.");
        }

        if (!await services.GetRequiredService<WebUserSignIn>().DisableAsync(email, CancellationToken.None))
        {
            await Console.Error.WriteLineAsync($"There is no user {email}.");
            return 1;
        }

        Console.WriteLine($"User {email.Trim().ToLowerInvariant()} disabled; their sessions have ended.");
        return 0;
    }

    /// <summary>--schools as a list of codes; a code that is not eight digits is a usage error.</summary>
    private static string[] SchoolList(IReadOnlyDictionary<string, string> options)
    {
        var schools = (options.GetValueOrDefault("schools") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wrong = schools.FirstOrDefault(s => !SchoolCodes.IsValid(s));
        return wrong is null ? schools : throw new UsageException($"--schools holds '{wrong}', which is not an 8-digit school code.");
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
