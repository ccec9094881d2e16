using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DigitalEdu.Service.Features.Audit;

/// <summary>The audit log for officers and operators: <c>GET /api/v1/audit</c> and the CSV export the audit page links to.</summary>
public static class AuditApi
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchAudit.Handler>();
        builder.Services.AddScoped<ExportAudit.Handler>();
        return builder;
    }

    public static WebApplication MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/v1/audit", SearchAsync).WithTags("Audit").RequireAuthorization(Policies.Oversee).WithValidation<SearchAudit.Query>();
        app.MapGet("/officer/audit/export.csv", ExportAsync).RequireAuthorization(Policies.Oversee).WithValidation<SearchAudit.Query>();
        return app;
    }

    public static async Task<Ok<AuditPage>> SearchAsync([AsParameters] SearchAudit.Query query, SearchAudit.Handler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(query, cancellationToken);
        return TypedResults.Ok(new AuditPage([.. result.Items.Select(AuditEntryView.From)], result.Total, result.Page, result.Limit));
    }

    public static async Task<EmptyHttpResult> ExportAsync(
        [AsParameters] SearchAudit.Query query, ExportAudit.Handler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var rows = await handler.HandleAsync(query, cancellationToken);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue("attachment") { FileName = $"nhat-ky-truy-cap-{DateTime.UtcNow:yyyyMMdd}.csv" }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await CsvExport.WriteAsync(http.Response.Body, ExportHeaders.Audit, rows, cancellationToken);
        return TypedResults.Empty;
    }
}

public sealed record AuditPage(AuditEntryView[] Items, int Total, int Page, int Limit);

public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string Actor, string Role, long? TokenId, string? ClientAddress, string? UserAgent, string Action,
    string? SchoolCode, long? MismatchId, string? Reason, string? Detail)
{
    public static AuditEntryView From(AuditEntry a) =>
        new(a.Id, a.At, a.Actor, a.Role, a.TokenId, a.ClientAddress, a.UserAgent, a.Action, a.SchoolCode, a.MismatchId, a.Reason, a.Detail);
}
