using DigitalEdu.Service.Access;
using Hangfire;

namespace DigitalEdu.Service.Web;

/// <summary>The web pages for officers, schools and operators: server-rendered Razor Pages on the same host as the API.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Officer", Policies.Oversee);
            options.Conventions.AuthorizeFolder("/Operator", Policies.Operate);
            options.Conventions.AuthorizeFolder("/Schools", Policies.Read);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Error");
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "digitaledu.af");
        builder.Services.AddScoped<CoverageFigures>();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new HangfireDashboardAccess()],
            DashboardTitle = "DigitalEdu – công việc nền",
            AppPath = "/operator",
        }).RequireAuthorization(Policies.Operate);
        return app;
    }
}
