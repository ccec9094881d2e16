using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Sync.Jobs;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Apis;

public static class BatchesApi
{
    public static RouteGroupBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/batches").WithTags("Batches").RequireAuthorization(Policies.Operate);
        group.MapGet("/", ListAsync).WithValidation<BatchQuery>();
        group.MapPost("/retry-failed", RetryAllFailedAsync);

        // Any segment, checked by the binding: "/batches/abc/retry" is a 400 naming id, not a 404.
        group.MapPost("/{id}/retry", RetryAsync);
        return group;
    }

    /// <summary>A page of batches; the next page's address is in the Link header (rel="next") while there is one.</summary>
    public static async Task<Ok<IReadOnlyList<BatchView>>> ListAsync(
        [AsParameters] BatchQuery query, ListBatches.Handler handler, HttpContext context, CancellationToken cancellationToken)
    {
        var page = await handler.HandleAsync(query, cancellationToken);
        if (page.NextBefore is { } next)
        {
            var request = context.Request;
            var parameters = request.Query.Where(q => q.Key != "before").SelectMany(q => q.Value.Select(v => $"{q.Key}={Uri.EscapeDataString(v ?? "")}"));
            var link = $"{request.PathBase}{request.Path}?{string.Join('&', parameters.Append($"before={next}"))}";
            context.Response.Headers.Append("Link", $"<{link}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Items);
    }

    public static async Task<Results<Accepted, NotFound, ProblemHttpResult>> RetryAsync(long id, BatchRetrier retrier, CancellationToken cancellationToken) =>
        await retrier.RetryAsync(id, cancellationToken) switch
        {
            RetryBatchOutcome.Enqueued => TypedResults.Accepted($"/api/v1/batches?status=running"),
            RetryBatchOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem("The batch has not failed, or another retry took it first.", statusCode: StatusCodes.Status409Conflict,
                title: "Only a failed batch can be re-run."),
        };

    public static async Task<Accepted<RetryAllAccepted>> RetryAllFailedAsync(BatchRetrier retrier, CancellationToken cancellationToken) =>
        TypedResults.Accepted("/api/v1/batches", new RetryAllAccepted(await retrier.RetryAllFailedAsync(cancellationToken)));
}

public sealed record RetryAllAccepted(int Enqueued);
