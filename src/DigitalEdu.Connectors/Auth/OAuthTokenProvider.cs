using DigitalEdu.Connectors.Clients;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Connectors.Auth;

/// <summary>The client-credentials grant of one upstream.</summary>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret, string? Scope)
{
    // Keep the secret out of any log line or exception that prints the record.
    public override string ToString() => $"OAuthClientCredentials {{ ClientId = {ClientId}, Scope = {Scope} }}";
}

/// <summary>
/// Holds one upstream's access token for the whole process. Message handlers are recycled by the HTTP client factory,
/// so the cache lives here, in a singleton; the semaphore makes concurrent page pulls share one token request.
/// </summary>
public sealed partial class OAuthTokenProvider(
    Source upstream,
    Func<IOAuthTokenApi> tokenApi,
    OAuthClientCredentials credentials,
    TimeProvider timeProvider,
    ILogger<OAuthTokenProvider> logger) : IDisposable
{
    // Renew this long before the token expires, so a token never runs out between the check and the call.
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim gate = new(1, 1);
    // One immutable reference, so a reader outside the gate never sees a token paired with another token's expiry.
    private CachedToken? cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (CurrentToken() is { } token)
        {
            return token;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return CurrentToken() ?? await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Replaces a token the upstream rejected. When several calls were rejected with the same token, only the first
    /// fetches a new one; the others get that one.
    /// </summary>
    public async Task<string> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (CurrentToken() is { } current && !string.Equals(current, rejectedToken, StringComparison.Ordinal))
            {
                return current;
            }

            LogTokenRejected(logger, upstream);
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private string? CurrentToken() =>
        Volatile.Read(ref cached) is { } current && timeProvider.GetUtcNow() < current.RenewAt ? current.Value : null;

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        };
        if (!string.IsNullOrWhiteSpace(credentials.Scope))
        {
            form["scope"] = credentials.Scope;
        }

        var response = await tokenApi().RequestTokenAsync(form, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new UpstreamTokenException(upstream, "The token endpoint answered without an access_token.");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn ?? 300, 1));
        var margin = lifetime > RenewalMargin * 2 ? RenewalMargin : lifetime / 2;
        Volatile.Write(ref cached, new CachedToken(response.AccessToken, timeProvider.GetUtcNow() + lifetime - margin));
        LogTokenFetched(logger, upstream, (int)lifetime.TotalSeconds);
        return response.AccessToken;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt)
    {
        public override string ToString() => $"CachedToken {{ RenewAt = {RenewAt:O} }}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched a {Upstream} access token valid for {LifetimeSeconds} s")]
    private static partial void LogTokenFetched(ILogger logger, Source upstream, int lifetimeSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Upstream} rejected the access token; fetching a new one")]
    private static partial void LogTokenRejected(ILogger logger, Source upstream);
}

/// <summary>The token endpoint answered, but not with a token.</summary>
public sealed class UpstreamTokenException(Source upstream, string message) : Exception(message)
{
    public Source Upstream { get; } = upstream;
}
