using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Access;

/// <summary>
/// Bearer tokens for scripts: a random 256-bit secret printed once by <c>create-token</c>; the database keeps only its SHA-256,
/// which is enough for a secret of that entropy (no password stretching is needed, and look-up stays one index probe). A token
/// names its owner, expires, and stops working within seconds of being revoked. A refused token costs a counter, not a log
/// line, and an address that keeps sending refused tokens is answered 429 without a look-up.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DigitalEduDbContext db,
    IMemoryCache cache,
    FailedTokenThrottle throttle,
    AccessTelemetry telemetry,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The claim carrying the token's id, which the audit log records.</summary>
    public const string TokenIdClaim = "digitaledu:token";

    /// <summary>
    /// How long a token's look-up is reused: short, so a revocation made by another process (the revoke-token command) takes
    /// effect within seconds everywhere, yet a script's burst of calls costs one query.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private const string ThrottledItem = "digitaledu:token-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = ClientAddress.Of(Context);
        if (throttle.IsThrottled(address))
        {
            Context.Items[ThrottledItem] = true;
            return Reject("throttled");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (!ApiTokens.IsWellFormed(presented))
        {
            throttle.Count(address);
            return Reject("malformed");
        }

        var hash = ApiTokens.Hash(presented);
        var token = await cache.GetOrCreateAsync($"api-token:{hash}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, Context.RequestAborted);
        });
        if (token is null || token.ExpiresAt <= clock.GetUtcNow())
        {
            throttle.Count(address);
            return Reject(token is null ? "unknown" : "expired");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Principal(token), SchemeName));
    }

    /// <summary>An address past its allowance of refused tokens gets 429 with the time to wait, not 401.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(throttle.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        return base.HandleChallengeAsync(properties);
    }

    public static ClaimsPrincipal Principal(ApiToken token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, token.Owner),
            new(ClaimTypes.Role, token.Role),
            new(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(token.SchoolCodes.Select(code => new Claim(Roles.SchoolClaim, code)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
    }

    private AuthenticateResult Reject(string reason)
    {
        telemetry.TokenRejected(reason);
        return AuthenticateResult.Fail("The bearer token was refused.");
    }
}

/// <summary>
/// Refused bearer tokens per client address, on the framework's rate limiter: past the allowance in a window, the address's
/// bearer requests are refused before any look-up until the window turns.
/// </summary>
public sealed class FailedTokenThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public FailedTokenThrottle(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        Window = TimeSpan.FromMinutes(1);
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = settings.FailedTokensPerMinute, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public TimeSpan Window { get; }

    public bool IsThrottled(string address) => limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void Count(string address)
    {
        using var lease = limiter.AttemptAcquire(address);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Issuing, listing and revoking bearer tokens: what the create-token, list-tokens and revoke-token commands do.</summary>
public static class ApiTokens
{
    public const string Prefix = "de_";

    /// <summary>How long a token works unless create-token is told otherwise.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(365);

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string NewToken() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Shaped as <see cref="NewToken"/> makes them; anything else is refused without a look-up.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == Prefix.Length + 64 && token.StartsWith(Prefix, StringComparison.Ordinal) && !token.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>Stores a new token for <paramref name="owner"/> and returns it: the only time it is seen whole.</summary>
    public static async Task<(string Token, ApiToken Row)> IssueAsync(
        DigitalEduDbContext db, string owner, string? name, string role, IReadOnlyCollection<string> schools, TimeSpan lifetime, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = NewToken();
        var row = new ApiToken
        {
            Name = string.IsNullOrWhiteSpace(name) ? $"{role} token" : name.Trim(),
            Owner = owner.Trim().ToLowerInvariant(),
            Role = role,
            SchoolCodes = role == Roles.School ? [.. schools] : [],
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (token, row);
    }

    /// <summary>Marks the token revoked; false when there is no such token or it was revoked already.</summary>
    public static async Task<bool> RevokeAsync(DigitalEduDbContext db, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken) > 0;
    }
}
