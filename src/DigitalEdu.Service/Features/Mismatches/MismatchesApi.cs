using System.Security.Claims;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>The mismatch queue's endpoints: each a thin adapter over its use case, as the pages are.</summary>
public static class MismatchesApi
{
    public static RouteGroupBuilder MapMismatchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/mismatches").WithTags("Mismatches").RequireAuthorization(Policies.Read);
        group.MapGet("/", ListAsync).WithValidation<ListMismatches.Query>();
        group.MapGet("/summary", SummaryAsync).WithValidation<SummarizeMismatches.Query>();
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/{id:long}/history", HistoryAsync);
        group.MapGet("/{id:long}/candidates", CandidatesAsync);
        group.MapPost("/{id:long}/fixed", MarkFixedAsync).WithValidation<MarkFixed.Command>();
        group.MapPost("/{id:long}/dismiss", DismissAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/reopen", ReopenAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();

        var exports = app.MapGroup("/schools/{schoolCode}").RequireAuthorization(Policies.Read);
        exports.MapGet("/export.xlsx", (string schoolCode, string? kind, string? status, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(new ExportMismatches.Query(schoolCode, kind, status, ExportMismatches.Xlsx), http, handler, cancellationToken));
        exports.MapGet("/export.csv", (string schoolCode, string? kind, string? status, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(new ExportMismatches.Query(schoolCode, kind, status, ExportMismatches.Csv), http, handler, cancellationToken));
        return group;
    }

    public static async Task<Results<Ok<MismatchPage>, ForbidHttpResult>> ListAsync(
        [AsParameters] ListMismatches.Query query, ListMismatches.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(query, UserScope.From(user), cancellationToken) is { } page
            ? TypedResults.Ok(new MismatchPage([.. page.Items], page.NextCursor))
            : TypedResults.Forbid();

    public static async Task<Ok<MismatchSummary>> SummaryAsync(
        [AsParameters] SummarizeMismatches.Query query, SummarizeMismatches.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, UserScope.From(user), cancellationToken));

    public static async Task<Results<Ok<MismatchView>, NotFound>> GetAsync(
        long id, GetMismatch.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new GetMismatch.Query(id), UserScope.From(user), cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<MismatchEventView[]>, NotFound>> HistoryAsync(
        long id, MismatchHistory.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new MismatchHistory.Query(id), UserScope.From(user), cancellationToken) is { } events
            ? TypedResults.Ok(events.Select(e => new MismatchEventView(e.FromStatus, e.ToStatus, e.Actor, e.Reason, e.RunId, e.At)).ToArray())
            : TypedResults.NotFound();

    /// <summary>For a record nobody matched: the likeliest counterparts on the other side, best first. Never merged automatically.</summary>
    public static async Task<Results<Ok<CandidateView[]>, NotFound>> CandidatesAsync(
        long id, FindCandidates.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, UserScope.From(user), cancellationToken) is { } candidates
            ? TypedResults.Ok(candidates.ToArray())
            : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> MarkFixedAsync(
        long id, MarkFixed.Command command, MarkFixed.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, command, user, cancellationToken), "Only an open item can be marked fixed.");

    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> DismissAsync(
        long id, StatusChangeRequest request, Dismiss.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, request, user, cancellationToken), "Only an open or fixed item can be dismissed.");

    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> ReopenAsync(
        long id, StatusChangeRequest request, Reopen.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, request, user, cancellationToken), "Only a dismissed item can be reopened.");

    private static Results<NoContent, NotFound, Conflict<ProblemDetails>> ToResult(TransitionOutcome outcome, string conflict) => outcome switch
    {
        TransitionOutcome.Changed => TypedResults.NoContent(),
        TransitionOutcome.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = conflict }),
    };

    private static async Task<Results<EmptyHttpResult, NotFound, ValidationProblem>> ExportAsync(
        ExportMismatches.Query query, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken)
    {
        var validation = await new ExportMismatches.Validator().ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToDictionary(), title: "The request is not valid.",
                detail: string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        if (await handler.HandleAsync(query, http.User, cancellationToken) is not { } export)
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = export.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        await ExportMismatches.WriteAsync(http.Response.Body, export, cancellationToken);
        return TypedResults.Empty;
    }
}
