namespace DigitalEdu.Service.Access;

public static class AccessSetup
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(
                ApiTokenAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operate, policy => policy.RequireRole(Roles.Operator))
            .AddPolicy(Policies.Oversee, policy => policy.RequireRole(Roles.Operator, Roles.Officer))
            .AddPolicy(Policies.Read, policy => policy.RequireRole(Roles.Operator, Roles.Officer, Roles.School))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
