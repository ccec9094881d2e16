using System.Security.Claims;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

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
        group.MapPost("/{id:long}/fixed", MarkFixedAsync).RequireAuthorization(Policies.Fix).WithValidation<MarkFixed.Command>();
        group.MapPost("/{id:long}/dismiss", DismissAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/reopen", ReopenAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/personal-id", RevealAsync).RequireAuthorization(Policies.Oversee).WithValidation<RevealPersonalId.Command>();

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

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> MarkFixedAsync(
        long id, MarkFixed.Command command, MarkFixed.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, command, user, cancellationToken), "Only an open item can be marked fixed.");

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> DismissAsync(
        long id, StatusChangeRequest request, Dismiss.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, request, user, cancellationToken), "Only an open or fixed item can be dismissed.");

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> ReopenAsync(
        long id, StatusChangeRequest request, Reopen.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await handler.HandleAsync(id, request, user, cancellationToken), "Only a dismissed item can be reopened.");

    /// <summary>An item's personal ID whole, for an officer or operator who gives a purpose; audited with it.</summary>
    public static async Task<Results<Ok<RevealPersonalId.Revealed>, NotFound>> RevealAsync(
        long id, RevealPersonalId.Command command, RevealPersonalId.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, null, command, user, cancellationToken) is { } revealed ? TypedResults.Ok(revealed) : TypedResults.NotFound();

    private static Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult> ToResult(TransitionOutcome outcome, string conflict) => outcome switch
    {
        TransitionOutcome.Changed => TypedResults.NoContent(),
        TransitionOutcome.NotFound => TypedResults.NotFound(),
        TransitionOutcome.Forbidden => TypedResults.Forbid(),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict),
    };

    private static async Task<Results<EmptyHttpResult, NotFound, ValidationProblem>> ExportAsync(
        ExportMismatches.Query query, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken)
    {
        // Validated before anything is read or audited: a school code that is not eight digits is a 400, not a file name.
        var validation = await new ExportMismatches.Validator().ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToValidationProblem();
        }

        if (await handler.HandleAsync(query, http.User, cancellationToken) is not { } export)
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = export.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = export.FileName }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await ExportMismatches.WriteAsync(http.Response.Body, export, cancellationToken);
        return TypedResults.Empty;
    }
}
