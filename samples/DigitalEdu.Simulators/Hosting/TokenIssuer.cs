using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>Opaque bearer tokens for the two OAuth upstreams; a token is good only on the listener that issued it, until it expires.</summary>
internal sealed class TokenIssuer(TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (UpstreamSource Source, DateTime ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => lifetime;

    public string Issue(UpstreamSource source)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = (source, DateTime.UtcNow + lifetime);
        return token;
    }

    /// <summary>Ends a token before its time, as an upstream does when it rotates keys (the expiredToken fault).</summary>
    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    public bool IsValid(UpstreamSource source, string token) =>
        _tokens.TryGetValue(token, out var entry) && entry.Source == source && entry.ExpiresAt > DateTime.UtcNow;
}
