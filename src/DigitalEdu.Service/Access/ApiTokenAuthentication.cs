using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using DigitalEdu.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Access;

/// <summary>
/// Bearer tokens for scripts: a random 256-bit secret printed once by <c>create-token</c>; the database keeps only its SHA-256,
/// which is enough for a secret of that entropy (no password stretching is needed, and look-up stays one index probe).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DigitalEduDbContext db,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var principal = await cache.GetOrCreateAsync($"api-token:{hash}", async entry =>
        {
            // Short, so a revoked token stops working within a minute on every process.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(60);
            var token = await db.ApiTokens.AsNoTracking()
                .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, Context.RequestAborted);
            if (token is null)
            {
                return null;
            }

            var claims = new List<Claim>
            {
                new(ClaimTypes.Name, token.Name),
                new(ClaimTypes.Role, token.Role),
                new("digitaledu:token", token.Id.ToString()),
            };
            claims.AddRange(token.SchoolCodes.Select(code => new Claim(Roles.SchoolClaim, code)));
            return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        });

        return principal is null
            ? AuthenticateResult.Fail("The token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

public static class ApiTokens
{
    public static string NewToken() => "de_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
