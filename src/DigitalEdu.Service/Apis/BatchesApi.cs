using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
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

    public static async Task<Ok<BatchView[]>> ListAsync([AsParameters] BatchQuery query, DigitalEduDbContext db, CancellationToken cancellationToken)
    {
        var batches = db.Batches.AsNoTracking();
        if (query.Status is not null)
        {
            batches = batches.Where(b => b.Status == query.Status);
        }

        if (query.RunId is { } runId)
        {
            batches = batches.Where(b => b.RunId == runId);
        }

        var rows = await batches.OrderByDescending(b => b.Id).Take(query.Limit ?? 200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(BatchView.From).ToArray());
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

public sealed record BatchQuery(string? Status, Guid? RunId, int? Limit);

public sealed class BatchQueryValidator : AbstractValidator<BatchQuery>
{
    private static readonly string[] Statuses =
        [BatchStatus.Running, BatchStatus.Succeeded, BatchStatus.Failed, BatchStatus.Retried, BatchStatus.Interrupted];

    public BatchQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"status must be one of {string.Join(", ", Statuses)}.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null);
    }
}

public sealed record RetryAllAccepted(int Enqueued);

/// <summary>A batch as the API shows it; <see cref="SchoolCode"/> is null for a province-wide listing.</summary>
public sealed record BatchView(
    long Id, Guid RunId, string Source, string Dataset, string? SchoolCode, string? CursorStart, string Status, int Attempts,
    string? Error, int? UpstreamStatus, int Received, int Stored, int Quarantined, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public static BatchView From(Batch b) => new(
        b.Id, b.RunId, b.Source, b.Dataset, b.SchoolCode == Pull.WholeProvince ? null : b.SchoolCode, b.CursorStart, b.Status, b.Attempts, b.Error, b.UpstreamStatus,
        b.Received, b.Stored, b.Quarantined, b.StartedAt, b.FinishedAt);
}
