using System.Text;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>OAuth2 client credentials (RFC 6749 §4.4): form fields, or the client in an HTTP Basic header.</summary>
internal static class TokenEndpoint
{
    public static void MapTokenEndpoint(this WebApplication app, UpstreamSource source, SimulatorState state)
    {
        var credentials = state.Options.Credentials;
        var (clientId, secret, scope) = source == UpstreamSource.Sms
            ? (credentials.SmsClientId, credentials.SmsClientSecret, credentials.SmsScope)
            : (credentials.NationalClientId, credentials.NationalClientSecret, credentials.NationalScope);

        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Problems.Result(400, "Bad request", "The token request must be application/x-www-form-urlencoded.", "invalid_request");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["grant_type"].ToString() != "client_credentials")
            {
                return Problems.Result(400, "Bad request", "Only grant_type=client_credentials is supported.", "unsupported_grant_type");
            }

            var (givenId, givenSecret) = (form["client_id"].ToString(), form["client_secret"].ToString());
            var basic = context.Request.Headers.Authorization.ToString();
            if (basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..].Trim())).Split(':', 2);
                (givenId, givenSecret) = (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
            }

            if (givenId != clientId || givenSecret != secret)
            {
                return Problems.Result(401, "Unauthorized", "Unknown client or wrong secret.", "invalid_client");
            }

            var requested = form["scope"].ToString();
            if (requested.Length > 0 && !requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(s => s == scope))
            {
                return Problems.Result(400, "Bad request", $"Only the scope '{scope}' can be granted.", "invalid_scope");
            }

            var token = state.Tokens.Issue(source);
            return Results.Json(new TokenResponse(token, "Bearer", (int)state.Tokens.Lifetime.TotalSeconds), WireJsonContext.Wire.TokenResponse);
        });
    }
}
