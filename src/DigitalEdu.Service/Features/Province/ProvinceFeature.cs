using System.Security.Claims;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Features.Mismatches;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DigitalEdu.Service.Features.Province;

/// <summary>
/// The officer's province: the drill-down with rates, the follow-up list and its export, the trends. The API and the pages
/// (Pages/Officer) call the same use cases.
/// </summary>
public static class ProvinceFeature
{
    public static WebApplicationBuilder AddProvince(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SchoolFigures>();
        builder.Services.AddScoped<DrillDown.Handler>();
        builder.Services.AddScoped<FollowUpQueue.Handler>();
        builder.Services.AddScoped<Trends.Handler>();
        return builder;
    }

    public static WebApplication MapProvinceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/province").WithTags("Province").RequireAuthorization(Policies.Oversee);
        api.MapGet("/areas", AreasAsync).WithValidation<DrillDown.Query>();
        api.MapGet("/trends", TrendsAsync).WithValidation<Trends.Query>();

        var exports = app.MapGroup("/officer/items").RequireAuthorization(Policies.Oversee);
        exports.MapGet("/export.xlsx", ([AsParameters] FollowUpQueue.Query query, HttpContext http, FollowUpQueue.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(query, ExportMismatches.Xlsx, http, handler, cancellationToken)).WithValidation<FollowUpQueue.Query>();
        exports.MapGet("/export.csv", ([AsParameters] FollowUpQueue.Query query, HttpContext http, FollowUpQueue.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(query, ExportMismatches.Csv, http, handler, cancellationToken)).WithValidation<FollowUpQueue.Query>();
        return app;
    }

    public static async Task<Ok<DrillDown.Result>> AreasAsync(
        [AsParameters] DrillDown.Query query, DrillDown.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, UserScope.From(user), cancellationToken));

    public static async Task<Results<Ok<Trends.Result>, NotFound>> TrendsAsync(
        [AsParameters] Trends.Query query, Trends.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(query, UserScope.From(user), cancellationToken) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();

    private static async Task<EmptyHttpResult> ExportAsync(
        FollowUpQueue.Query query, string format, HttpContext http, FollowUpQueue.Handler handler, CancellationToken cancellationToken)
    {
        var export = await handler.ExportAsync(query, format, http.User, cancellationToken);
        http.Response.ContentType = export.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = export.FileName }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await ExportMismatches.WriteAsync(http.Response.Body, export, cancellationToken);
        return TypedResults.Empty;
    }
}
