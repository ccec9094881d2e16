using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalEdu.Service.Features.Operations;

/// <summary>The operator's console through the API: retry a run, pause and resume a source.</summary>
public static class OperatorConsoleApi
{
    public static WebApplicationBuilder AddOperatorConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListBatches.Handler>();
        builder.Services.AddScoped<GetRun.Handler>();
        builder.Services.AddScoped<RetryRun.Handler>();
        builder.Services.AddScoped<PauseSource.Handler>();
        builder.Services.AddScoped<ResumeSource.Handler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOperatorConsoleApi(this IEndpointRouteBuilder app)
    {
        // Any segment, checked by the binding: "/sync-runs/abc/retry" is a 400 naming id rather than a 404.
        app.MapPost("/api/v1/sync-runs/{id}/retry", RetryRunAsync).WithTags("Sync runs").RequireAuthorization(Policies.Operate);

        var sources = app.MapGroup("/api/v1/sources").WithTags("Sources").RequireAuthorization(Policies.Operate);
        sources.MapGet("/", ListSourcesAsync);
        sources.MapPost("/{source}/pause", PauseAsync).WithValidation<SourcePauseRequest>();
        sources.MapPost("/{source}/resume", ResumeAsync).WithValidation<SourcePauseRequest>();
        return app;
    }

    public static async Task<Results<Accepted<RetryRunResult>, NotFound, ProblemHttpResult>> RetryRunAsync(
        Guid id, RetryRun.Handler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, cancellationToken);
        return result.Outcome switch
        {
            RetryRunOutcome.NotFound => TypedResults.NotFound(),
            RetryRunOutcome.NothingToRetry => TypedResults.Problem(
                "Only a run that failed, or one with failed batches, can be retried; or another retry took it first.",
                statusCode: StatusCodes.Status409Conflict, title: "The run has nothing to retry."),
            _ => TypedResults.Accepted($"/api/v1/sync-runs/{id}", result),
        };
    }

    public static async Task<Ok<IReadOnlyList<SourceState>>> ListSourcesAsync(DigitalEduDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PauseSource.StatesAsync(db, cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<SourceState>>, ProblemHttpResult>> PauseAsync(
        [AsParameters] SourcePauseRequest request, PauseSource.Handler handler, DigitalEduDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        await handler.HandleAsync(request.Source!, user.Identity?.Name ?? "api", cancellationToken);
        return TypedResults.Ok(await PauseSource.StatesAsync(db, cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<SourceState>>> ResumeAsync(
        [AsParameters] SourcePauseRequest request, ResumeSource.Handler handler, DigitalEduDbContext db, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(request.Source!, cancellationToken);
        return TypedResults.Ok(await PauseSource.StatesAsync(db, cancellationToken));
    }
}
