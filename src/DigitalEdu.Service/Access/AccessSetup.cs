using DigitalEdu.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace DigitalEdu.Service.Access;

public static class AccessSetup
{
    /// <summary>Picks the bearer scheme for scripts and the cookie for people, so one set of policies serves both.</summary>
    public const string DefaultScheme = "BearerOrCookie";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<IPasswordHasher<WebUser>, PasswordHasher<WebUser>>();
        builder.Services.AddScoped<WebUserSignIn>();

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
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;

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
