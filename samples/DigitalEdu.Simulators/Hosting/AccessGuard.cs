using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>
/// Guards the /api paths the way each upstream does: a bearer token from /connect/token (SMS, national) or the X-Api-Key header
/// (provincial). Admin paths stay open: they exist for tests, not for the service under test.
/// </summary>
internal static class AccessGuard
{
    public static void UseAccessGuard(this WebApplication app, UpstreamSource source, SimulatorState state)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            if (source == UpstreamSource.Provincial)
            {
                if (context.Request.Headers["X-Api-Key"].ToString() != state.Options.Credentials.ProvincialApiKey)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid X-Api-Key header is required.");
                    return;
                }
            }
            else
            {
                var header = context.Request.Headers.Authorization.ToString();
                const string prefix = "Bearer ";
                if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !state.Tokens.IsValid(source, header[prefix.Length..].Trim()))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "The bearer token is missing, unknown or expired.");
                    return;
                }
            }

            await next(context);
        });
    }
}
