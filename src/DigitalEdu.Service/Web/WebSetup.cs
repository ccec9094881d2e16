using DigitalEdu.Service.Access;
using DigitalEdu.Service.Exports;
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
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "digitaledu.af");
        builder.Services.AddScoped<CoverageFigures>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<MismatchExport>();
        builder.Services.AddScoped<Features.CodeDrift.CodeDriftReport>();

        // Static files go first in the pipeline so the sign-in page's stylesheet is served before authorization asks for a user.
        builder.Services.AddTransient<IStartupFilter, StaticFilesFirst>();
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapExports();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new HangfireDashboardAccess()],
            DashboardTitle = "DigitalEdu – công việc nền",
            AppPath = "/operator",
        }).RequireAuthorization(Policies.Operate);
        return app;
    }

    private sealed class StaticFilesFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStaticFiles();
            next(app);
        };
    }
}
