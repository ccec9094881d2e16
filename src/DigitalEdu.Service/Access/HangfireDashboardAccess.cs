using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DigitalEdu.Service.Access;

/// <summary>
/// The job dashboard can delete and re-queue jobs, so only an operator's browser session opens it: a bearer token for
/// scripts does not (scripts have the API).
/// </summary>
public sealed class HangfireDashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme }
            && user.IsInRole(Roles.Operator);
    }
}
