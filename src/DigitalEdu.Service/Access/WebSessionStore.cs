using System.Security.Cryptography;
using System.Text;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Access;

/// <summary>
/// The sign-in cookie's sessions, kept in the database (<see cref="WebSession"/>): the cookie carries only a random key. On
/// every request the session is checked against its idle and absolute limits and against its user, who must still be enabled
/// and hold the security stamp the session began with; otherwise the session ends there. Signing out deletes it, so the old
/// cookie opens nothing afterwards.
/// </summary>
public sealed class WebSessionStore(IServiceScopeFactory scopes, IOptions<AccessOptions> options, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(httpContext);
        var db = httpContext.RequestServices.GetRequiredService<DigitalEduDbContext>();
        var key = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var userId = long.TryParse(ticket.Principal.FindFirst(WebUserSignIn.UserIdClaim)?.Value, out var id) ? id : (long?)null;
        var now = clock.GetUtcNow();

        // Sessions nobody came back to (the browser was closed) end here rather than linger until their cookie returns.
        var idleSince = now - options.Value.SessionIdleTimeout;
        await db.WebSessions.Where(s => s.ExpiresAt <= now || s.LastSeenAt <= idleSince).ExecuteDeleteAsync(cancellationToken);
        db.WebSessions.Add(new WebSession
        {
            KeyHash = Hash(key),
            UserId = userId,
            SecurityStamp = userId is null ? null : await db.WebUsers.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken),
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.SessionAbsoluteTimeout,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<DigitalEduDbContext>();
        var serialized = TicketSerializer.Default.Serialize(ticket);
        var hash = Hash(key);
        await db.WebSessions.Where(s => s.KeyHash == hash).ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, serialized), cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<DigitalEduDbContext>();
        var hash = Hash(key);
        var session = await (
                from s in db.WebSessions.AsNoTracking()
                where s.KeyHash == hash
                join u in db.WebUsers on s.UserId equals u.Id into users
                from u in users.DefaultIfEmpty()
                select new { s.Id, s.Ticket, s.LastSeenAt, s.ExpiresAt, s.UserId, s.SecurityStamp, UserStamp = u.SecurityStamp, UserDisabledAt = u.DisabledAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var idle = options.Value.SessionIdleTimeout;
        var ended = now >= session.ExpiresAt || now - session.LastSeenAt >= idle
            || (session.UserId is not null && (session.UserDisabledAt is not null || session.UserStamp != session.SecurityStamp));
        if (ended)
        {
            await db.WebSessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        // The idle clock is reset by a write now and then, not on every request.
        var touchEvery = TimeSpan.FromTicks(Math.Min(idle.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));
        if (now - session.LastSeenAt >= touchEvery)
        {
            await db.WebSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<DigitalEduDbContext>();
        var hash = Hash(key);
        await db.WebSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    // The cookie handler passes the request; these are for callers without one.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => WithRequestAsync(context => StoreAsync(ticket, context, CancellationToken.None));

    public Task RenewAsync(string key, AuthenticationTicket ticket) => WithRequestAsync(context => RenewAsync(key, ticket, context, CancellationToken.None));

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => WithRequestAsync(context => RetrieveAsync(key, context, CancellationToken.None));

    public Task RemoveAsync(string key) => WithRequestAsync(context => RemoveAsync(key, context, CancellationToken.None));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<T> WithRequestAsync<T>(Func<HttpContext, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(new DefaultHttpContext { RequestServices = scope.ServiceProvider });
    }

    private async Task WithRequestAsync(Func<HttpContext, Task> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        await action(new DefaultHttpContext { RequestServices = scope.ServiceProvider });
    }
}

/// <summary>Puts the database-backed session store on the sign-in cookie.</summary>
internal sealed class SessionCookieSetup(WebSessionStore store, IOptions<AccessOptions> access) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            return;
        }

        options.SessionStore = store;

        // The cookie lives as long as the session may; the store ends it sooner when it idles.
        options.ExpireTimeSpan = access.Value.SessionAbsoluteTimeout;
        options.SlidingExpiration = false;
    }
}
