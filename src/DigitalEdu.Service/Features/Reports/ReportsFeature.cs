using System.Security.Claims;
using DigitalEdu.Domain.Reporting;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Reporting;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>
/// Report-ready figures: the frozen snapshots (list, open, compare, freeze on demand), a unit's figures by level with their
/// sentences, the xlsx in the report's layout, and the checker of hand-typed reports. The API and the pages (Pages/Reports)
/// call the same use cases.
/// </summary>
public static class ReportsFeature
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportSnapshots>();
        builder.Services.AddScoped<CheckReport>();
        builder.Services.AddScoped<ExpectedBack>();
        return builder;
    }

    /// <summary>A unit of a snapshot: the province (no code), a commune or a school by its code.</summary>
    public sealed record UnitQuery(string? Unit, string? Code);

    public sealed class UnitQueryValidator : AbstractValidator<UnitQuery>
    {
        public UnitQueryValidator()
        {
            RuleFor(q => q.Unit).Must(u => u is null || ReportUnits.All.Contains(u))
                .WithMessage($"unit must be one of {string.Join(", ", ReportUnits.All)}.");
            RuleFor(q => q.Code).NotEmpty().When(q => q.Unit is ReportUnits.Commune or ReportUnits.School)
                .WithMessage("code is required with unit=commune or unit=school.");
            RuleFor(q => q.Code).Matches("^[A-Za-z0-9_-]{1,32}$").When(q => q.Code is not null).WithMessage("code must be a school or commune code.");
        }
    }

    /// <summary>Figures of the snapshot of a cut-off, grouped by school, commune or level, optionally of one level.</summary>
    public sealed record FiguresQuery(DateOnly? CutOff, string? Level, string? GroupBy);

    public sealed class FiguresQueryValidator : AbstractValidator<FiguresQuery>
    {
        public static readonly string[] Groups = ["school", "commune", "level"];

        public FiguresQueryValidator()
        {
            RuleFor(q => q.CutOff).NotNull().WithMessage("cutOff is required (yyyy-MM-dd).");
            RuleFor(q => q.Level).Must(l => l is null || ReportLevels.InReportOrder.Contains(l))
                .WithMessage($"level must be one of {string.Join(", ", ReportLevels.InReportOrder)}.");
            RuleFor(q => q.GroupBy).Must(g => g is null || Groups.Contains(g)).WithMessage($"groupBy must be one of {string.Join(", ", Groups)}.");
        }
    }

    public sealed record FreezeRequest(DateOnly? CutOff);

    public sealed class FreezeRequestValidator : AbstractValidator<FreezeRequest>
    {
        public FreezeRequestValidator(TimeProvider clock) =>
            RuleFor(r => r.CutOff).Must(d => d is null || d <= ReportingCalendar.Today(clock))
                .WithMessage("cutOff must not be after today: a snapshot freezes figures that exist.");
    }

    public sealed record CompareQuery(Guid? Before, Guid? After);

    public sealed class CompareQueryValidator : AbstractValidator<CompareQuery>
    {
        public CompareQueryValidator()
        {
            RuleFor(q => q.Before).NotNull().WithMessage("before is required (a snapshot id).");
            RuleFor(q => q.After).NotNull().WithMessage("after is required (a snapshot id).");
        }
    }

    /// <summary>A snapshot with one unit's figures: by level, by sub-unit, and as sentences.</summary>
    public sealed record SnapshotDetail(SnapshotSummary Snapshot, UnitReport Report, IReadOnlyList<string> Sentences,
        IReadOnlyDictionary<string, int> OpenItems);

    /// <summary>One group's figures of a cut-off's snapshot.</summary>
    public sealed record FigureGroup(string Key, string Name, Figures Figures);

    public sealed record FiguresResult(Guid SnapshotId, DateOnly CutOff, string? Level, string GroupBy, IReadOnlyList<FigureGroup> Groups, Figures Total);

    public static WebApplication MapReportsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.Read);
        api.MapGet("/snapshots", async (ReportSnapshots snapshots, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            TypedResults.Ok(await snapshots.ListAsync(UserScope.From(user), cancellationToken)));
        api.MapPost("/snapshots", FreezeAsync).RequireAuthorization(Policies.Oversee).WithValidation<FreezeRequest>();
        api.MapGet("/snapshots/{id:guid}", GetAsync).WithValidation<UnitQuery>();
        api.MapGet("/snapshots/{id:guid}/export.xlsx", ExportAsync).WithValidation<UnitQuery>();
        api.MapGet("/compare", CompareAsync).WithValidation<CompareQuery>();
        api.MapGet("/figures", FiguresAsync).WithValidation<FiguresQuery>();
        api.MapPost("/check", CheckAsync).DisableAntiforgery();
        api.MapGet("/expected-back", async (ExpectedBack expected, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            TypedResults.Ok(await expected.HandleAsync(user, cancellationToken)));
        return app;
    }

    public static async Task<Results<Created<SnapshotSummary>, ProblemHttpResult>> FreezeAsync(
        FreezeRequest request, ReportSnapshots snapshots, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await snapshots.FreezeAsync(request.CutOff, user, cancellationToken) is not { } frozen)
        {
            return TypedResults.Problem("No run has counted any school before that day: there are no figures to freeze.",
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to freeze.");
        }

        var summary = (await snapshots.FindAsync(frozen.Id, UserScope.From(user), cancellationToken))!;
        return TypedResults.Created($"/api/v1/reports/snapshots/{frozen.Id}", summary);
    }

    public static async Task<Results<Ok<SnapshotDetail>, NotFound>> GetAsync(
        Guid id, [AsParameters] UnitQuery query, ReportSnapshots snapshots, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await DetailAsync(id, query, snapshots, UserScope.From(user), cancellationToken) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    public static async Task<SnapshotDetail?> DetailAsync(Guid id, UnitQuery query, ReportSnapshots snapshots, UserScope scope, CancellationToken cancellationToken)
    {
        if (await snapshots.UnitAsync(id, query.Unit, query.Code, scope, cancellationToken) is not var (snapshot, report))
        {
            return null;
        }

        // A commune's parts are its schools; a school's report is its one part.
        var schools = report.Unit == ReportUnits.Province ? null : report.Parts.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var items = await snapshots.OpenItemsAsync(id, scope, schools, cancellationToken);
        return new SnapshotDetail(snapshot, report, ReportSentences.For(report, snapshot.CutOff), items);
    }

    public static async Task<Results<EmptyHttpResult, NotFound>> ExportAsync(
        Guid id, [AsParameters] UnitQuery query, ReportSnapshots snapshots, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (await snapshots.UnitAsync(id, query.Unit, query.Code, UserScope.From(http.User), cancellationToken) is not var (snapshot, report))
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(http.User, Domain.Vocabulary.AuditAction.ExportReport, null, null,
            $"snapshot {id} as of {snapshot.CutOff:yyyy-MM-dd}, unit {report.Unit} {report.Code}".TrimEnd(), cancellationToken);
        http.Response.ContentType = ExportReport.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ExportReport.FileName(report, snapshot.CutOff) }.ToString();
        await ExportReport.WriteAsync(http.Response.Body, report, snapshot.CutOff, cancellationToken);
        return TypedResults.Empty;
    }

    public static async Task<Results<Ok<SnapshotComparison>, NotFound>> CompareAsync(
        [AsParameters] CompareQuery query, ReportSnapshots snapshots, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await snapshots.CompareAsync(query.Before!.Value, query.After!.Value, UserScope.From(user), cancellationToken) is { } comparison
            ? TypedResults.Ok(comparison)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<FiguresResult>, NotFound>> FiguresAsync(
        [AsParameters] FiguresQuery query, ReportSnapshots snapshots, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = UserScope.From(user);
        if (ReportSnapshots.OfCutOff(await snapshots.ListAsync(scope, cancellationToken), query.CutOff) is not { } snapshot)
        {
            return TypedResults.NotFound();
        }

        var rows = (await snapshots.RowsAsync(snapshot.Id, scope, cancellationToken)).Where(r => query.Level is null || r.Level == query.Level).ToList();
        var groupBy = query.GroupBy ?? "level";
        var groups = rows
            .GroupBy(r => groupBy switch { "school" => r.SchoolCode, "commune" => r.CommuneCode, _ => r.Level })
            .Select(g => new FigureGroup(g.Key,
                groupBy switch { "school" => g.First().SchoolName, "commune" => g.First().CommuneName ?? g.Key, _ => ReportLayout.LevelName(g.Key) },
                Figures.Sum(g.Select(r => r.Figures))))
            .OrderBy(g => groupBy == "level" ? ReportLevels.Rank(g.Key) : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new FiguresResult(snapshot.Id, snapshot.CutOff, query.Level, groupBy, groups, Figures.Sum(rows.Select(r => r.Figures))));
    }

    /// <summary>A hand-typed report as a multipart upload (field <c>file</c>, optional <c>snapshotId</c>); nothing of it is stored.</summary>
    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(CheckReport.MaxFileBytes + 64 * 1024)]
    public static async Task<Results<Ok<CheckResult>, ValidationProblem>> CheckAsync(
        HttpRequest request, CheckReport checker, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Invalid("file", "Send the report as multipart/form-data with the xlsx in the field file.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Invalid("file", "file is required: the hand-typed report as an xlsx.");
        }

        Guid? snapshotId = null;
        if (form.TryGetValue("snapshotId", out var text) && !string.IsNullOrWhiteSpace(text))
        {
            if (!Guid.TryParse(text, out var parsed))
            {
                return Invalid("snapshotId", "snapshotId must be a snapshot id.");
            }

            snapshotId = parsed;
        }

        await using var stream = file.OpenReadStream();
        var result = await checker.HandleAsync(stream, snapshotId, user, cancellationToken);
        return result.Error is { } error ? Invalid("file", error) : TypedResults.Ok(result);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.", detail: message);
}
