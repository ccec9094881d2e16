namespace DigitalEdu.Connectors.Auth;

/// <summary>Adds the provincial database's <c>X-Api-Key</c> header. The key is read per call so a reloaded configuration takes effect.</summary>
public sealed class ApiKeyHandler(Func<string> apiKey) : DelegatingHandler
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, apiKey());
        return base.SendAsync(request, cancellationToken);
    }
}
