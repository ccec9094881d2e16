using DigitalEdu.Service.Hosting;

namespace DigitalEdu.Service.Web;

/// <summary>
/// Errors on the web pages answer a page in the site's layout, in Vietnamese (<c>/error/{status}</c>), instead of the API's
/// problem+json: a clerk who opens another school's item or follows a stale link reads what happened and where to go. The
/// API, health and metrics keep their own answers.
/// </summary>
public static class ErrorPages
{
    public const string Path = "/error";

    /// <summary>Put before routing (<c>UseRouting</c>): a re-executed request has its endpoint cleared and is routed again.</summary>
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app) =>
        app.UseWhen(IsPageRequest, pages =>
        {
            pages.UseExceptionHandler(Path + "/500");
            pages.UseStatusCodePagesWithReExecute(Path + "/{0}");
        });

    public static bool IsPageRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !ServiceDefaults.IsOperationsPath(path);
    }
}
