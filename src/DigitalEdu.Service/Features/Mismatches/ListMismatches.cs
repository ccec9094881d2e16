using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Lists items in the caller's scope by kind, school, status, person kind, commune, school level and days open, and within a school by who (a name with or
/// without diacritics, an SMS or MOET code, the last digits of the ID) and class: by cursor (the API's keyset paging) or by
/// page number with counts (the school page's). Each item comes with its person.
/// </summary>
public static class ListMismatches
{
    public const int DefaultLimit = 100;

    public const int MaxSearchLength = 100;

    public sealed record Query(
        string? Kind, string? SchoolCode, string? Status, string? PersonKind, string? Cursor, int? Limit, int? Page = null, string? Search = null,
        string? ClassName = null, string? CommuneCode = null, string? Level = null, int? DaysOpen = null);

    /// <summary>A page of items; with a page number also how many there are in all and by kind (whatever the kind filter).</summary>
    public sealed record Result(IReadOnlyList<MismatchView> Items, string? NextCursor, int Total, IReadOnlyDictionary<string, int> ByKind);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Province.ItemFilters.ItemRules(this, q => q.Kind, q => q.Status, q => q.PersonKind, q => q.SchoolCode);
            RuleFor(q => q.Cursor).Must(c => c is null || long.TryParse(c, out var v) && v >= 0)
                .WithMessage("cursor must be a value returned as nextCursor.");
            RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null);
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).When(q => q.Page is not null).WithMessage("page must be 1 or more.");
            RuleFor(q => q.Search).MaximumLength(MaxSearchLength).WithMessage($"search must be at most {MaxSearchLength} characters.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("search must not contain control characters.");
            RuleFor(q => q.ClassName).MaximumLength(32).WithMessage("className must be at most 32 characters.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("className must not contain control characters.");
            RuleFor(q => q.SchoolCode).NotNull().When(q => !string.IsNullOrWhiteSpace(q.Search) || !string.IsNullOrWhiteSpace(q.ClassName))
                .WithMessage("schoolCode is required with search or className: they look within one school.");
            Province.ItemFilters.Rules(this, q => q.CommuneCode, q => q.Level, q => q.DaysOpen);
        }
    }

    public sealed class Handler(DigitalEduDbContext db, ItemViews views, TimeProvider clock)
    {
        /// <summary>The page, or null when the school asked for is outside the caller's scope.</summary>
        public async Task<Result?> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            if (query.SchoolCode is not null && !scope.CanSee(query.SchoolCode))
            {
                return null;
            }

            var items = db.Mismatches.AsNoTracking().Scoped(scope);
            if (query.SchoolCode is not null)
            {
                items = items.Where(m => m.SchoolCode == query.SchoolCode);
            }

            if (query.Status is not null)
            {
                items = items.Where(m => m.Status == query.Status);
            }

            if (query.PersonKind is not null)
            {
                items = items.Where(m => m.PersonKind == query.PersonKind);
            }

            items = Province.ItemFilters.Narrow(items, db, query.CommuneCode, query.Level, query.DaysOpen, clock.GetUtcNow());
            if (query.SchoolCode is not null)
            {
                items = ItemPersons.Narrow(items, db, query.SchoolCode, query.Search, query.ClassName);
            }

            var limit = query.Limit ?? DefaultLimit;
            if (query.Page is { } page)
            {
                var byKind = await items.GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
                var ofKind = query.Kind is null ? items : items.Where(m => m.Kind == query.Kind);
                // Items found again after they were marked fixed come first: the fix did not reach the data.
                var rows = await ofKind
                    .OrderByDescending(m => m.Status == MismatchStatus.Open && db.MismatchEvents.Any(e =>
                        e.MismatchId == m.Id && e.FromStatus == MismatchStatus.FixedPending && e.ToStatus == MismatchStatus.Open))
                    .ThenBy(m => m.Kind).ThenBy(m => m.Id)
                    .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
                var total = query.Kind is null ? byKind.Values.Sum() : byKind.GetValueOrDefault(query.Kind);
                return new Result(await views.BuildAsync(rows, cancellationToken), null, total, byKind);
            }

            if (query.Kind is not null)
            {
                items = items.Where(m => m.Kind == query.Kind);
            }

            if (query.Cursor is not null)
            {
                var after = long.Parse(query.Cursor, System.Globalization.CultureInfo.InvariantCulture);
                items = items.Where(m => m.Id > after);
            }

            var found = await items.OrderBy(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var next = found.Count > limit ? found[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return new Result(await views.BuildAsync(found.Take(limit).ToList(), cancellationToken), next, 0, new Dictionary<string, int>());
        }
    }
}
