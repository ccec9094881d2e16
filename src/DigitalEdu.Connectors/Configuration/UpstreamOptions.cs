using System.ComponentModel.DataAnnotations;

namespace DigitalEdu.Connectors.Configuration;

/// <summary>
/// What every upstream needs: where it is and how patient to be with it. Validation is done here rather than with
/// attributes so that each message names the configuration key an operator has to fix (e.g. <c>Upstreams:Sms:BaseUrl</c>).
/// </summary>
public abstract class UpstreamOptions : IValidatableObject
{
    /// <summary>The configuration section, e.g. <c>Upstreams:Sms</c>.</summary>
    protected abstract string Section { get; }

    public string BaseUrl { get; set; } = "";

    public UpstreamResilienceOptions Resilience { get; set; } = new();

    internal Uri BaseUri => new(BaseUrl, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Errors().Select(message => new ValidationResult(message));

    protected virtual IEnumerable<string> Errors()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            yield return $"{Section}:BaseUrl is required.";
        }
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return $"{Section}:BaseUrl must be an absolute http or https URI.";
        }

        foreach (var error in Resilience.Validate(Section))
        {
            yield return error;
        }
    }

    protected IEnumerable<string> Required(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{Section}:{key} is required.";
        }
    }
}

/// <summary>An upstream that takes OAuth2 client credentials (<c>POST {base}/connect/token</c>).</summary>
public abstract class OAuthUpstreamOptions : UpstreamOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string Scope { get; set; } = "";

    protected override IEnumerable<string> Errors() =>
        base.Errors().Concat(Required(nameof(ClientId), ClientId)).Concat(Required(nameof(ClientSecret), ClientSecret));
}
