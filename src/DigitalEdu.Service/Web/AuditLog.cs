using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Text;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Hosting;

namespace DigitalEdu.Service.Web;

/// <summary>What an audit entry is about: a school, an item, and a detail that is never personal data itself.</summary>
public sealed record AuditSubject(string? SchoolCode = null, long? MismatchId = null, string? Detail = null);

/// <summary>Who acted: the person (a token's owner for a token), their role, and the token when it was one.</summary>
public sealed record AuditActor(string Name, string Role, long? TokenId = null)
{
    public static AuditActor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "unknown",
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        long.TryParse(user.FindFirstValue(ApiTokenAuthenticationHandler.TokenIdClaim), out var id) ? id : null);

    /// <summary>A command run on the server (create-token, revoke-token, create-user, disable-user): the account that ran it.</summary>
    public static AuditActor CommandLine => new($"command line ({Environment.UserName})", "");
}

/// <summary>
/// The audit log: who (person and role), from where (client address and user agent), what, when and why, for every use of
/// personal data and of access. Officers search, page and export it. Callers name the action, the subject and, where one is
/// asked for, the reason; who and from where come from the request.
/// </summary>
public sealed class AuditLog(DigitalEduDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>Writes an entry for the signed-in caller.</summary>
    public async Task WriteAsync(string action, AuditSubject subject, string? reason = null, CancellationToken cancellationToken = default)
    {
        Add(action, subject, reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes an entry for an actor other than the request's user (a sign-in attempt, a command).</summary>
    public async Task WriteAsync(AuditActor actor, string action, AuditSubject subject, string? reason, CancellationToken cancellationToken)
    {
        db.AuditLog.Add(Entry(actor, action, subject, reason));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes an entry for <paramref name="user"/> with a free detail.</summary>
    public Task WriteAsync(ClaimsPrincipal user, string action, string? schoolCode, long? mismatchId, string? detail, CancellationToken cancellationToken) =>
        WriteAsync(AuditActor.From(user), action, new AuditSubject(schoolCode, mismatchId, detail), null, cancellationToken);

    /// <summary>
    /// Adds an entry for the signed-in caller to the pending changes, so it is saved in the same transaction as the change it
    /// records (and not at all when that change fails).
    /// </summary>
    public void Add(string action, AuditSubject subject, string? reason = null) =>
        db.AuditLog.Add(Entry(http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? AuditActor.From(user) : AuditActor.CommandLine,
            action, subject, reason));

    private AuditEntry Entry(AuditActor actor, string action, AuditSubject subject, string? reason)
    {
        var request = http.HttpContext;
        return new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = Clip(actor.Name, 256) ?? "unknown",
            Role = Clip(actor.Role, 16) ?? "",
            TokenId = actor.TokenId,
            ClientAddress = request is null ? null : Clip(ClientAddress.Of(request), 64),
            UserAgent = request is null ? null : Clip(request.Request.Headers.UserAgent.ToString(), 512),
            Action = action,
            SchoolCode = Clip(subject.SchoolCode, 16),
            MismatchId = subject.MismatchId,
            Reason = Clip(reason, 1000),
            Detail = Clip(subject.Detail, 1000),
        };
    }

    /// <summary>What fits the column, with characters PostgreSQL cannot store replaced: an audit entry is never lost to its content.</summary>
    private static string? Clip(string? value, int length)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (!InputText.IsAllowed(value))
        {
            value = string.Concat(value.Select(c => char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? '?' : c));
        }

        // Cut before a surrogate pair rather than through it.
        return value.Length <= length ? value : value[..(char.IsHighSurrogate(value[length - 1]) ? length - 1 : length)];
    }
}
