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
        group.MapGet("/{id:long}/shared-id", SharedIdAsync);
        group.MapPost("/{id:long}/fixed", MarkFixedAsync).RequireAuthorization(Policies.Fix).WithValidation<MarkFixed.Command>();
        group.MapPost("/fixed", MarkManyFixedAsync).RequireAuthorization(Policies.Fix).WithValidation<MarkFixed.ManyCommand>();
        group.MapPost("/{id:long}/dismiss", DismissAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/reopen", ReopenAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/personal-id", RevealAsync).RequireAuthorization(Policies.Oversee).WithValidation<RevealPersonalId.Command>();

        var exports = app.MapGroup("/schools/{schoolCode}").RequireAuthorization(Policies.Read);
        exports.MapGet("/export.xlsx", (string schoolCode, string? kind, string? status, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(new ExportMismatches.Query(schoolCode, kind, status, ExportMismatches.Xlsx), http, handler, cancellationToken));
        exports.MapGet("/export.csv", (string schoolCode, string? kind, string? status, HttpContext http, ExportMismatches.Handler handler, CancellationToken cancellationToken) =>
            ExportAsync(new ExportMismatches.Query(schoolCode, kind, status, ExportMismatches.Csv), http, handler, cancellationToken));

        var checks = app.MapGroup("/api/v1/schools/{schoolCode}/checks").WithTags("Mismatches").RequireAuthorization(Policies.Read);
        checks.MapPost("/", StartCheckAsync);
        checks.MapGet("/{runId:guid}", CheckOutcomeAsync);
        return group;
    }

    /// <summary>For a duplicate: the other records holding its ID, whole within the caller's scope, only the school outside it.</summary>
    public static async Task<Results<Ok<SharedIdRecords.Record[]>, NotFound>> SharedIdAsync(
        long id, SharedIdRecords.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, null, UserScope.From(user), cancellationToken) is { } records
            ? TypedResults.Ok(records.ToArray())
            : TypedResults.NotFound();

    /// <summary>Several items marked fixed at once; each id is reported marked or left, with why.</summary>
    public static async Task<Ok<ManyFixedResult>> MarkManyFixedAsync(
        MarkFixed.ManyCommand command, MarkFixed.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcomes = await handler.HandleManyAsync(command.Ids!, command.Note, user, cancellationToken);
        return TypedResults.Ok(new ManyFixedResult(
            [.. outcomes.Where(o => o.Value == TransitionOutcome.Changed).Select(o => o.Key).Order()],
            [.. outcomes.Where(o => o.Value != TransitionOutcome.Changed).OrderBy(o => o.Key).Select(o => new NotMarked(o.Key, OutcomeCode(o.Value)))]));
    }

    /// <summary>"Kiểm tra lại" for scripts: 202 with the run, or 429 with Retry-After when the school was checked within the minute.</summary>
    public static async Task<Results<Accepted<CheckStarted>, NotFound, ProblemHttpResult>> StartCheckAsync(
        string schoolCode, CheckSchool.Handler handler, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (await handler.StartAsync(schoolCode, user, cancellationToken) is not { } started)
        {
            return TypedResults.NotFound();
        }

        if (started.RunId is not { } runId)
        {
            var wait = Math.Max(1, (int)Math.Ceiling((started.NextAllowedAt - DateTimeOffset.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "The school was checked less than a minute ago.",
                detail: $"Try again in {wait} s.");
        }

        return TypedResults.Accepted($"/api/v1/schools/{schoolCode}/checks/{runId}", new CheckStarted(runId, started.NextAllowedAt));
    }

    public static async Task<Results<Ok<CheckSchool.Outcome>, NotFound>> CheckOutcomeAsync(
        string schoolCode, Guid runId, CheckSchool.Handler handler, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await handler.OutcomeAsync(schoolCode, runId, UserScope.From(user), cancellationToken) is { } outcome
            ? TypedResults.Ok(outcome)
            : TypedResults.NotFound();

    private static string OutcomeCode(TransitionOutcome outcome) => outcome switch
    {
        TransitionOutcome.NotFound => "not_found",
        TransitionOutcome.ReadOnly => "operator_only",
        _ => "not_open",
    };

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

public sealed record ManyFixedResult(long[] Marked, NotMarked[] NotMarked);

/// <summary>An item left as it was: <c>not_found</c> (outside the caller's scope), <c>not_open</c>, or <c>operator_only</c>.</summary>
public sealed record NotMarked(long Id, string Reason);

public sealed record CheckStarted(Guid RunId, DateTimeOffset NextAllowedAt);
