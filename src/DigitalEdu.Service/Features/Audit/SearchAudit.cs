using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Apis;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Audit;

/// <summary>
/// The audit log as officers search it: by person (part of the name), action, school and day (Vietnam time), newest first, a
/// page at a time with the total. The API, the page and the export all read through here.
/// </summary>
public static class SearchAudit
{
    public const int DefaultLimit = 100;

    // Officers read days in Vietnam's time (UTC+7, no daylight saving), as the pages show times.
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public sealed record Query(string? Actor, string? Action, string? SchoolCode, DateOnly? From, DateOnly? To, int? Page, int? Limit);

    public sealed record Result(IReadOnlyList<AuditEntry> Items, int Total, int Page, int Limit)
    {
        public int Pages => Math.Max(1, (Total + Limit - 1) / Limit);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Actor).MaximumLength(256).WithMessage("actor must be at most 256 characters.").AllowedText("actor");
            RuleFor(q => q.Action).Must(a => a is null || AuditAction.All.Contains(a))
                .WithMessage($"action must be one of {string.Join(", ", AuditAction.All)}.");
            RuleFor(q => q.SchoolCode).SchoolCode("schoolCode").When(q => q.SchoolCode is not null);
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("to must not be before from.");
            RuleFor(q => q.Page).InclusiveBetween(1, 100_000).When(q => q.Page is not null).WithMessage("page must be between 1 and 100000.");
            RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null).WithMessage("limit must be between 1 and 1000.");
        }
    }

    public sealed class Handler(DigitalEduDbContext db)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var limit = query.Limit ?? DefaultLimit;
            var page = query.Page ?? 1;
            var entries = Filtered(query);
            var total = await entries.CountAsync(cancellationToken);
            var items = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
            return new Result(items, total, page, limit);
        }

        /// <summary>The entries the query selects, newest first, at most <paramref name="max"/> (for the export).</summary>
        public async Task<IReadOnlyList<AuditEntry>> AllAsync(Query query, int max, CancellationToken cancellationToken) =>
            await Filtered(query).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(max).ToListAsync(cancellationToken);

        private IQueryable<AuditEntry> Filtered(Query query)
        {
            var entries = db.AuditLog.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Actor))
            {
                var pattern = "%" + query.Actor.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                entries = entries.Where(a => EF.Functions.ILike(a.Actor, pattern));
            }

            if (query.Action is not null)
            {
                entries = entries.Where(a => a.Action == query.Action);
            }

            if (query.SchoolCode is not null)
            {
                entries = entries.Where(a => a.SchoolCode == query.SchoolCode);
            }

            if (query.From is { } from)
            {
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), VietnamOffset).ToUniversalTime();
                entries = entries.Where(a => a.At >= start);
            }

            if (query.To is { } to)
            {
                var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamOffset).ToUniversalTime();
                entries = entries.Where(a => a.At < end);
            }

            return entries;
        }
    }
}
