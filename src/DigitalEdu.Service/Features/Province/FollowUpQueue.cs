using System.Globalization;
using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Province;

/// <summary>
/// The officer's follow-up list: the province's items filtered by kind, status (open unless asked), commune, school level,
/// school, person kind and days open, a page at a time with the total; the same view as a spreadsheet (audited, IDs masked,
/// cells neutralised, as the school's export); and dismissing or reopening several items at once with a reason, through
/// <see cref="Dismiss"/> and <see cref="Reopen"/>.
/// </summary>
public static class FollowUpQueue
{
    public const int PageSize = 50;

    /// <summary>The most rows one export carries; the page says so when the view holds more.</summary>
    public const int MaxExportRows = 50_000;

    /// <summary>The orders the list can be read in: oldest items first (the default), newest first, or by school.</summary>
    public const string Oldest = "oldest";
    public const string Newest = "newest";
    public const string BySchool = "school";

    public sealed record Query(
        string? Kind, string? Status, string? CommuneCode, string? Level, string? SchoolCode, string? PersonKind, int? DaysOpen, int? Page,
        string? Sort = null);

    public sealed record Result(IReadOnlyList<MismatchView> Items, int Total, int Page, int Pages, IReadOnlyDictionary<string, string> SchoolNames);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            ItemFilters.ItemRules(this, q => q.Kind, q => q.Status, q => q.PersonKind, q => q.SchoolCode);
            RuleFor(q => q.Sort).Must(s => s is null or Oldest or Newest or BySchool).WithMessage($"sort must be {Oldest}, {Newest} or {BySchool}.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).When(q => q.Page is not null).WithMessage("page must be 1 or more.");
            ItemFilters.Rules(this, q => q.CommuneCode, q => q.Level, q => q.DaysOpen);
        }
    }

    public sealed class Handler(DigitalEduDbContext db, ItemViews views, TimeProvider clock, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            var items = Filtered(query, scope);
            var total = await items.CountAsync(cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Min(query.Page ?? 1, pages);

            var rows = await Ordered(items, query.Sort).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            var codes = rows.Select(m => m.SchoolCode).Distinct().ToArray();
            var names = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, cancellationToken);
            return new Result(await views.BuildAsync(rows, cancellationToken), total, page, pages, names);
        }

        /// <summary>The filtered view as a spreadsheet's rows, in the list's order, at most <see cref="MaxExportRows"/>; audited.</summary>
        public async Task<ExportMismatches.Export> ExportAsync(Query query, string format, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            var found = await Ordered(Filtered(query, UserScope.From(user)), query.Sort).Take(MaxExportRows).ToListAsync(cancellationToken);
            var rows = new List<string?[]>(found.Count);
            foreach (var chunk in found.Chunk(2000))
            {
                var shown = await views.BuildAsync(chunk, cancellationToken);
                var names = await views.SchoolNamesAsync(shown, cancellationToken);
                rows.AddRange(shown.Select(view => ExportMismatches.ToRow(view, code => names.GetValueOrDefault(code))));
            }

            await audit.WriteAsync(user, format == ExportMismatches.Xlsx ? AuditAction.ExportXlsx : AuditAction.ExportCsv, query.SchoolCode, null,
                $"{rows.Count} rows; follow-up list; {Describe(query)}", cancellationToken);
            return new ExportMismatches.Export(
                $"theo-doi-sai-lech-{DateTime.UtcNow:yyyyMMdd}.{format}",
                format == ExportMismatches.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                rows,
                format);
        }

        /// <summary>
        /// Ids grow as runs find items, so the id orders them by age; ordering on keys the indexes hold keeps deep pages cheap.
        /// </summary>
        private static IQueryable<Mismatch> Ordered(IQueryable<Mismatch> items, string? sort) => sort switch
        {
            Newest => items.OrderByDescending(m => m.Id),
            BySchool => items.OrderBy(m => m.SchoolCode).ThenBy(m => m.Id),
            _ => items.OrderBy(m => m.Id),
        };

        private IQueryable<Mismatch> Filtered(Query query, UserScope scope)
        {
            var items = db.Mismatches.AsNoTracking().Scoped(scope).Where(m => m.Status == (query.Status ?? MismatchStatus.Open));
            if (query.Kind is not null)
            {
                items = items.Where(m => m.Kind == query.Kind);
            }

            if (query.SchoolCode is not null)
            {
                items = items.Where(m => m.SchoolCode == query.SchoolCode);
            }

            if (query.PersonKind is not null)
            {
                items = items.Where(m => m.PersonKind == query.PersonKind);
            }

            return items.Narrow(db, query.CommuneCode, query.Level, query.DaysOpen, clock.GetUtcNow());
        }
    }

    /// <summary>The filters as the audit entry records them.</summary>
    public static string Describe(Query query) =>
        string.Join("; ", new (string Name, string? Value)[]
            {
                ("status", query.Status ?? MismatchStatus.Open), ("kind", query.Kind), ("communeCode", query.CommuneCode), ("level", query.Level),
                ("schoolCode", query.SchoolCode), ("personKind", query.PersonKind),
                ("daysOpen", query.DaysOpen?.ToString(CultureInfo.InvariantCulture)), ("sort", query.Sort),
            }
            .Where(f => f.Value is not null).Select(f => $"{f.Name}={f.Value}"));
}
