using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Access;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>A sign-in's outcome; the principal only when it succeeded.</summary>
public sealed record SignInAttempt(SignInOutcome Outcome, ClaimsPrincipal? Principal);

/// <summary>
/// Password sign-in and the accounts behind it, on ASP.NET Core Identity's <see cref="UserManager{TUser}"/>: its hasher (PBKDF2,
/// salted, versioned), its lockout after wrong passwords (here with a backoff: each lockout in a row lasts twice as long) and its
/// security stamp, which every change of password, role or schools renews so the sessions started before it end. Every attempt
/// is logged and audited, never with the password.
/// </summary>
public sealed partial class WebUserSignIn(
    DigitalEduDbContext db,
    UserManager<WebUser> users,
    IPasswordHasher<WebUser> hasher,
    IOptions<AccessOptions> options,
    AuditLog audit,
    AccessTelemetry telemetry,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILogger<WebUserSignIn> logger)
{
    /// <summary>The claim carrying a password user's id, which the session store checks on every request.</summary>
    public const string UserIdClaim = ClaimTypes.NameIdentifier;

    private static readonly WebUser Nobody = new() { Email = "", PasswordHash = "", Role = "" };

    public async Task<SignInAttempt> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var address = http.HttpContext is { } context ? ClientAddress.Of(context) : "local";
        var user = await users.FindByNameAsync(email);
        if (user is null || user.DisabledAt is not null)
        {
            // Hash anyway so an unknown or disabled account takes as long as a wrong password.
            hasher.HashPassword(Nobody, password);
            LogUnknownAccount(logger, address);
            return await FailAsync(new AuditActor(email, user?.Role ?? ""), SignInOutcome.Failed, "unknown or disabled account", cancellationToken);
        }

        var actor = new AuditActor(user.Email, user.Role);
        if (await users.IsLockedOutAsync(user))
        {
            hasher.HashPassword(Nobody, password);
            LogLockedAccount(logger, user.Id, address, user.LockoutEnd);
            return await FailAsync(actor, SignInOutcome.LockedOut, $"locked until {user.LockoutEnd:O}", cancellationToken);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            if (!await users.IsLockedOutAsync(user))
            {
                LogWrongPassword(logger, user.Id, address, user.AccessFailedCount);
                return await FailAsync(actor, SignInOutcome.Failed, $"wrong password ({user.AccessFailedCount} in a row)", cancellationToken);
            }

            // Identity locked the account for the first lockout's length; each lockout in a row doubles it.
            user.LockoutsInARow++;
            var lockout = options.Value.LockoutAfter(user.LockoutsInARow);
            await users.SetLockoutEndDateAsync(user, clock.GetUtcNow() + lockout);
            LogLockedOut(logger, user.Id, address, lockout.TotalSeconds, user.LockoutsInARow);
            return await FailAsync(actor, SignInOutcome.LockedOut, $"wrong password; locked for {lockout.TotalSeconds:0} s", cancellationToken);
        }

        user.LockoutsInARow = 0;
        user.AccessFailedCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        LogSignedIn(logger, user.Id, user.Role, address);
        telemetry.SignIn("succeeded");
        await audit.WriteAsync(actor, AuditAction.SignIn, new AuditSubject(Detail: "password"), null, cancellationToken);
        return new SignInAttempt(SignInOutcome.Succeeded, Principal(user));
    }

    /// <summary>
    /// Creates the user, or resets the role, schools and password of an existing one (the e-mail is the key), enabled; a new
    /// security stamp ends the sessions the user had. Errors (a password too short) are returned, nothing is saved then.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateOrUpdateAsync(string email, string role, string[] schools, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(email);
        var creating = user is null;
        user ??= new WebUser { Email = users.NormalizeName(email)!, PasswordHash = "", Role = role, CreatedAt = clock.GetUtcNow() };
        foreach (var validator in users.PasswordValidators)
        {
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } invalid)
            {
                return invalid.Errors.Select(e => e.Description).ToList();
            }
        }

        user.Role = role;
        user.SchoolCodes = role == Roles.School ? schools : [];
        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.LockoutsInARow = 0;
        user.AccessFailedCount = 0;
        user.PasswordHash = hasher.HashPassword(user, password);

        // Both stamp the user anew: sessions begun under the old password, role or schools end.
        var result = creating ? await users.CreateAsync(user) : await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        await audit.WriteAsync(AuditActor.CommandLine, AuditAction.UserSaved, new AuditSubject(Detail: $"{user.Email} ({user.Role})"), null, cancellationToken);
        return [];
    }

    /// <summary>Disables the user: their sessions end at once and they cannot sign in. False when there is no such user.</summary>
    public async Task<bool> DisableAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(email) is not { } user)
        {
            return false;
        }

        user.DisabledAt ??= clock.GetUtcNow();
        await users.UpdateSecurityStampAsync(user);
        await db.WebSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.WriteAsync(AuditActor.CommandLine, AuditAction.UserDisabled, new AuditSubject(Detail: user.Email), null, cancellationToken);
        return true;
    }

    public static ClaimsPrincipal Principal(string name, string role, IEnumerable<string> schools, string authenticationType, long? userId = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (userId is { } id)
        {
            claims.Add(new Claim(UserIdClaim, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (role == Roles.School)
        {
            claims.AddRange(schools.Select(code => new Claim(Roles.SchoolClaim, code)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static ClaimsPrincipal Principal(WebUser user) =>
        Principal(user.Email, user.Role, user.SchoolCodes, CookieAuthenticationDefaults.AuthenticationScheme, user.Id);

    private async Task<SignInAttempt> FailAsync(AuditActor actor, SignInOutcome outcome, string detail, CancellationToken cancellationToken)
    {
        telemetry.SignIn(outcome == SignInOutcome.LockedOut ? "locked" : "failed");
        await audit.WriteAsync(actor, outcome == SignInOutcome.LockedOut ? AuditAction.SignInLocked : AuditAction.SignInFailed,
            new AuditSubject(Detail: detail), null, cancellationToken);
        return new SignInAttempt(outcome, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed from {ClientAddress}: unknown or disabled account")]
    private static partial void LogUnknownAccount(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for user {UserId} from {ClientAddress}: wrong password ({Failures} in a row)")]
    private static partial void LogWrongPassword(ILogger logger, long userId, string clientAddress, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out for {Seconds} s after wrong passwords from {ClientAddress} (lockout {LockoutsInARow} in a row)")]
    private static partial void LogLockedOut(ILogger logger, long userId, string clientAddress, double seconds, int lockoutsInARow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for user {UserId} from {ClientAddress}: locked out until {LockoutEnd}")]
    private static partial void LogLockedAccount(ILogger logger, long userId, string clientAddress, DateTimeOffset? lockoutEnd);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({Role}) signed in from {ClientAddress}")]
    private static partial void LogSignedIn(ILogger logger, long userId, string role, string clientAddress);
}
