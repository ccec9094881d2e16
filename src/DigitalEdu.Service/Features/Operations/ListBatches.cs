using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Operations;

/// <summary>
/// Batches, newest first, filtered by run, status, source and school, a page at a time: <see cref="Before"/> is the id the page
/// starts below (keyset paging, so a deep page costs what the first does). <see cref="SchoolCode"/> "province" is a province-wide listing.
/// </summary>
public sealed record BatchQuery(string? Status, Guid? RunId, string? Source, string? SchoolCode, long? Before, int? Limit)
{
    public const int DefaultLimit = 100;
    public const string WholeProvince = "province";
}

public sealed class BatchQueryValidator : AbstractValidator<BatchQuery>
{
    public static readonly string[] Statuses =
        [BatchStatus.Running, BatchStatus.Succeeded, BatchStatus.Failed, BatchStatus.Retried, BatchStatus.Interrupted];

    public BatchQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"status must be one of {string.Join(", ", Statuses)}.");
        RuleFor(q => q.Source).Must(s => s is null || WireNames.Sources.Contains(s))
            .WithMessage($"source must be one of {string.Join(", ", WireNames.Sources)}.");
        RuleFor(q => q.SchoolCode).Must(s => s is null || s == BatchQuery.WholeProvince || SchoolCodes.IsValid(s))
            .WithMessage("schoolCode must be 8 digits, or \"province\" for a province-wide listing.");
        RuleFor(q => q.RunId).NotEqual(Guid.Empty).WithMessage("runId must be a run's id.");
        RuleFor(q => q.Before).GreaterThan(0).When(q => q.Before is not null);
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null);
    }
}

/// <summary>A batch as the API and the console show it; <see cref="SchoolCode"/> is null for a province-wide listing.</summary>
public sealed record BatchView(
    long Id, Guid RunId, string Source, string Dataset, string? SchoolCode, string? CursorStart, string Status, int Attempts,
    string? Error, int? UpstreamStatus, string? UpstreamBody, int Received, int Stored, int Quarantined, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, long? RetryOf, long? SuccessorId);

/// <summary>A page of batches and the id the next one starts below (null on the last page).</summary>
public sealed record BatchPage(IReadOnlyList<BatchView> Items, long? NextBefore);

public static class ListBatches
{
    public sealed class Handler(DigitalEduDbContext db)
    {
        public async Task<BatchPage> HandleAsync(BatchQuery query, CancellationToken cancellationToken)
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

            if (query.Source is not null)
            {
                batches = batches.Where(b => b.Source == query.Source);
            }

            if (query.SchoolCode is not null)
            {
                var school = query.SchoolCode == BatchQuery.WholeProvince ? Pull.WholeProvince : query.SchoolCode;
                batches = batches.Where(b => b.SchoolCode == school);
            }

            if (query.Before is { } before)
            {
                batches = batches.Where(b => b.Id < before);
            }

            var limit = query.Limit ?? BatchQuery.DefaultLimit;
            var rows = await batches.OrderByDescending(b => b.Id).Take(limit + 1)
                .Select(b => new BatchView(
                    b.Id, b.RunId, b.Source, b.Dataset, b.SchoolCode == Pull.WholeProvince ? null : b.SchoolCode, b.CursorStart, b.Status,
                    b.Attempts, b.Error, b.UpstreamStatus, b.UpstreamBody, b.Received, b.Stored, b.Quarantined, b.StartedAt, b.FinishedAt,
                    b.RetryOf, db.Batches.Where(s => s.RetryOf == b.Id).Select(s => (long?)s.Id).FirstOrDefault()))
                .ToListAsync(cancellationToken);
            return rows.Count > limit ? new BatchPage(rows[..limit], rows[limit - 1].Id) : new BatchPage(rows, null);
        }
    }
}
