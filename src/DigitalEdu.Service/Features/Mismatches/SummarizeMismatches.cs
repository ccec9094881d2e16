using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

public sealed record MismatchSummary(
    string Status, int Total, IReadOnlyDictionary<string, int> ByKind, SchoolSummary[] BySchool, LevelSummary[] ByLevel);

public sealed record SchoolSummary(string SchoolCode, string? Name, string? Level, int Total, IReadOnlyDictionary<string, int> ByKind);

public sealed record LevelSummary(string Level, int Total, IReadOnlyDictionary<string, int> ByKind);

/// <summary>Items in the caller's scope counted by kind, by school and by school level, for one status (open by default).</summary>
public static class SummarizeMismatches
{
    public sealed record Query(string? Status);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Status).Must(MismatchStatus.IsKnownOrNull)
                .WithMessage($"status must be one of {string.Join(", ", MismatchStatus.All)}.");
    }

    public sealed class Handler(DigitalEduDbContext db)
    {
        public async Task<MismatchSummary> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            var status = query.Status ?? MismatchStatus.Open;
            // Open items from the kept counts (a province's open items are too many to count on each request); other statuses
            // counted on the items alone (the (school, status, kind) index). Then named from the schools: joining first would
            // carry every item through the join.
            var counts = status == MismatchStatus.Open
                ? await db.OpenTallies(scope).ToListAsync(cancellationToken)
                : await db.Mismatches.AsNoTracking().Scoped(scope)
                    .Where(m => m.Status == status)
                    .GroupBy(m => new { m.SchoolCode, m.Kind })
                    .Select(g => new ItemTally(g.Key.SchoolCode, g.Key.Kind, g.Count()))
                    .ToListAsync(cancellationToken);
            var codes = counts.Select(c => c.SchoolCode).Distinct().ToArray();
            var schools = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code))
                .Select(s => new { s.Code, s.Name, s.Level })
                .ToDictionaryAsync(s => s.Code, cancellationToken);
            var rows = counts.Select(c => new
            {
                c.SchoolCode,
                SchoolName = schools.GetValueOrDefault(c.SchoolCode)?.Name,
                schools.GetValueOrDefault(c.SchoolCode)?.Level,
                c.Kind,
                c.Count,
            }).ToList();

            var byKind = MismatchKinds.All.ToDictionary(k => k, k => rows.Where(r => r.Kind == k).Sum(r => r.Count));
            var bySchool = rows.GroupBy(r => (r.SchoolCode, r.SchoolName, r.Level))
                .Select(g => new SchoolSummary(g.Key.SchoolCode, g.Key.SchoolName, g.Key.Level, g.Sum(r => r.Count),
                    g.ToDictionary(r => r.Kind, r => r.Count)))
                .OrderByDescending(s => s.Total).ThenBy(s => s.SchoolCode).ToArray();
            var byLevel = rows.GroupBy(r => r.Level ?? "")
                .Select(g => new LevelSummary(g.Key, g.Sum(r => r.Count),
                    g.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Sum(r => r.Count))))
                .OrderBy(l => l.Level).ToArray();
            return new MismatchSummary(status, rows.Sum(r => r.Count), byKind, bySchool, byLevel);
        }
    }
}
