using System.ComponentModel.DataAnnotations;
using System.Net;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (TLS terminators) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Nobody's are by default, loopback included: a header anyone can send must not choose
/// the client address the rate limits and the audit log use.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies holds '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks holds '{network}', which is not a network in CIDR notation.", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>The <c>RateLimits</c> section: how much one client address may ask, before it is answered 429.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per second one address may make to the API and the pages, sustained.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:RequestsPerSecond must be between 1 and 100000.")]
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests one address may make at once before the sustained rate applies.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:RequestBurst must be between 1 and 100000.")]
    public int RequestBurst { get; set; } = 300;

    /// <summary>Password sign-in attempts one address may make per minute, whichever accounts they are for.</summary>
    [Range(1, 10_000, ErrorMessage = "RateLimits:SignInsPerMinute must be between 1 and 10000.")]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Refused bearer tokens one address may send per minute; past that its bearer requests are refused without a look-up.</summary>
    [Range(1, 10_000, ErrorMessage = "RateLimits:FailedTokensPerMinute must be between 1 and 10000.")]
    public int FailedTokensPerMinute { get; set; } = 20;
}

/// <summary>The <c>Hsts</c> section: how long browsers are told to use only HTTPS once they reached the service over it.</summary>
public sealed class HstsSettings
{
    public const string Section = "Hsts";

    [Range(1, 3650, ErrorMessage = "Hsts:MaxAgeDays must be between 1 and 3650.")]
    public int MaxAgeDays { get; set; } = 365;

    public bool IncludeSubDomains { get; set; }
}
