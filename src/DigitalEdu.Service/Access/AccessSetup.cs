using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Access;

public static class AccessSetup
{
    /// <summary>Picks the bearer scheme for scripts and the cookie for people, so one set of policies serves both.</summary>
    public const string DefaultScheme = "BearerOrCookie";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSettings<AccessOptions>(AccessOptions.Section);
        builder.Services.AddSingleton<AccessTelemetry>();

        // Identity's user manager for the hashing, lockout and security stamp, over the service's own users table.
        builder.Services.AddIdentityCore<WebUser>().AddUserStore<WebUserStore>();
        builder.Services.AddSingleton<ILookupNormalizer, LowerCaseLookupNormalizer>();
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<AccessOptions>>((identity, access) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = access.Value.LockoutThreshold;
            identity.Lockout.DefaultLockoutTimeSpan = access.Value.FirstLockout;

            // Length, not composition (ASVS 2.1.1, 2.1.9): twelve characters or more, any characters.
            identity.Password.RequiredLength = 12;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 1;
            identity.User.AllowedUserNameCharacters = "";
        });
        builder.Services.AddScoped<WebUserSignIn>();
        builder.Services.AddSingleton<WebSessionStore>();
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionCookieSetup>();

        // A refused token is counted (AccessTelemetry), not logged: the handler's own "not authenticated" and "challenged"
        // lines would turn a flood of guesses into a flood of log lines.
        builder.Logging.AddFilter(typeof(ApiTokenAuthenticationHandler).FullName, LogLevel.Warning);

        var authentication = builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Bearer token or sign-in cookie", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, _ => { })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.LoginPath = "/sign-in";
                options.LogoutPath = "/sign-out";
                options.Cookie.Name = "digitaledu";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;

                // Secure whenever the request came over HTTPS, directly or through a trusted proxy (WebProtection).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

                // Scripts calling the API without credentials get a status code, never a redirect to an HTML page.
                options.Events.OnRedirectToLogin = context => AnswerApiOr(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        authentication.AddConfiguredOpenIdConnect(builder.Configuration);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operate, policy => policy.RequireRole(Roles.Operator))
            .AddPolicy(Policies.Oversee, policy => policy.RequireRole(Roles.Operator, Roles.Officer))
            .AddPolicy(Policies.Read, policy => policy.RequireRole(Roles.Operator, Roles.Officer, Roles.School))
            .AddPolicy(Policies.Fix, policy => policy.RequireRole(Roles.School))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static Task AnswerApiOr(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
