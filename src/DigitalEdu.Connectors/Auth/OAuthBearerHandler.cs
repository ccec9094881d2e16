using System.Net;
using System.Net.Http.Headers;

namespace DigitalEdu.Connectors.Auth;

/// <summary>
/// Puts the upstream's bearer token on every call. A 401 means the token was revoked or expired early: fetch a new
/// one once and send the request once more; a second 401 is the upstream's answer and goes back to the caller.
/// </summary>
public sealed class OAuthBearerHandler(OAuthTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The calls this client makes are GETs without a body, so the request can be sent again as it is.
        response.Dispose();
        var renewed = await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
