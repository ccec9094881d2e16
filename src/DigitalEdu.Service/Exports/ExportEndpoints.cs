using System.Security.Claims;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalEdu.Service.Exports;

/// <summary>GET /schools/{code}/export.xlsx and .csv: a school's items; every export is written to the audit log.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/schools/{schoolCode}").RequireAuthorization(Policies.Read);
        group.MapGet("/export.xlsx", (string schoolCode, string? kind, string? status, HttpContext http, MismatchExport export, AuditLog audit, CancellationToken cancellationToken) =>
            ExportAsync(schoolCode, kind, status, "xlsx", http, export, audit, cancellationToken));
        group.MapGet("/export.csv", (string schoolCode, string? kind, string? status, HttpContext http, MismatchExport export, AuditLog audit, CancellationToken cancellationToken) =>
            ExportAsync(schoolCode, kind, status, "csv", http, export, audit, cancellationToken));
        return app;
    }

    private static async Task<Results<EmptyHttpResult, NotFound, BadRequest<string>>> ExportAsync(
        string schoolCode, string? kind, string? status, string format, HttpContext http, MismatchExport export, AuditLog audit, CancellationToken cancellationToken)
    {
        var user = http.User;

        // Outside the user's schools the school does not exist for them, as in the API.
        if (!UserScope.From(user).CanSee(schoolCode))
        {
            return TypedResults.NotFound();
        }

        if (kind is not null && !MismatchKinds.All.Contains(kind))
        {
            return TypedResults.BadRequest("kind is not a known mismatch kind.");
        }

        var state = status ?? MismatchStatus.Open;
        if (state is not (MismatchStatus.Open or MismatchStatus.FixedPending or MismatchStatus.Resolved or MismatchStatus.Dismissed))
        {
            return TypedResults.BadRequest("status is not a known item status.");
        }

        var rows = await export.RowsAsync(schoolCode, kind, state, cancellationToken);
        await audit.WriteAsync(user, format == "xlsx" ? AuditAction.ExportXlsx : AuditAction.ExportCsv, schoolCode, null,
            $"{rows.Count} rows; status={state}" + (kind is null ? "" : $"; kind={kind}"), cancellationToken);

        var fileName = $"sai-lech-{schoolCode}-{DateTime.UtcNow:yyyyMMdd}.{format}";
        http.Response.ContentType = format == "xlsx"
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (format == "xlsx")
        {
            await MismatchExport.WriteXlsxAsync(http.Response.Body, rows, cancellationToken);
        }
        else
        {
            await MismatchExport.WriteCsvAsync(http.Response.Body, rows, cancellationToken);
        }

        return TypedResults.Empty;
    }
}
