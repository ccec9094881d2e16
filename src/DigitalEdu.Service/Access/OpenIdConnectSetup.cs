using System.Security.Claims;
using DigitalEdu.Service.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace DigitalEdu.Service.Access;

/// <summary>
/// The <c>Authentication:OpenIdConnect</c> section: sign-in through the deployment's identity provider. Off unless
/// <c>Authority</c> and <c>ClientId</c> are set; the provider's role and school claims are mapped to the service's own.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button.</summary>
    public string DisplayName { get; set; } = "Đăng nhập một lần (SSO)";

    /// <summary>The provider's claim carrying operator, officer or school.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The provider's claim carrying a school code (one claim per school, or a comma-separated list).</summary>
    public string SchoolClaim { get; set; } = "schools";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

}

public static class OpenIdConnectSetup
{
    public static AuthenticationBuilder AddConfiguredOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.ValidatedNow<OpenIdConnectSettings>(OpenIdConnectSettings.Section);
        authentication.Services.AddSingleton(settings);
        if (!settings.IsConfigured)
        {
            return authentication;
        }

        return authentication.AddOpenIdConnect(OpenIdConnectSettings.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.MapInboundClaims = false;
            options.Scope.Add("email");
            options.Events.OnTokenValidated = async context =>
            {
                // Audited as a password sign-in is: who, from where, and whether the provider's claims granted a role here.
                var audit = context.HttpContext.RequestServices.GetRequiredService<Web.AuditLog>();
                var mapped = Map(context.Principal, settings);
                if (mapped is null)
                {
                    context.Fail("The identity provider gave no DigitalEdu role (operator, officer or school with schools).");
                    await audit.WriteAsync(new Web.AuditActor(NameOf(context.Principal) ?? "oidc", ""), DigitalEdu.Domain.Vocabulary.AuditAction.SignInFailed,
                        new Web.AuditSubject(Detail: "single sign-on: no role granted"), null, context.HttpContext.RequestAborted);
                }
                else
                {
                    context.Principal = mapped;
                    await audit.WriteAsync(Web.AuditActor.From(mapped), DigitalEdu.Domain.Vocabulary.AuditAction.SignIn,
                        new Web.AuditSubject(Detail: "single sign-on"), null, context.HttpContext.RequestAborted);
                }
            };
        });
    }

    /// <summary>The service's principal for the provider's claims, or null when they grant no role here.</summary>
    public static ClaimsPrincipal? Map(ClaimsPrincipal? external, OpenIdConnectSettings settings)
    {
        if (external is null)
        {
            return null;
        }

        var role = external.FindAll(settings.RoleClaim).Select(c => c.Value).FirstOrDefault(Roles.All.Contains);
        var schools = external.FindAll(settings.SchoolClaim)
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToArray();
        if (role is null || (role == Roles.School && schools.Length == 0))
        {
            return null;
        }

        return WebUserSignIn.Principal(NameOf(external) ?? "oidc", role, schools, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static string? NameOf(ClaimsPrincipal? external) =>
        external?.FindFirst("email")?.Value ?? external?.FindFirst("preferred_username")?.Value ?? external?.FindFirst("sub")?.Value;
}
