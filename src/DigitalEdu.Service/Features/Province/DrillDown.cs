using System.Text.RegularExpressions;
using DigitalEdu.Domain.Text;
using DigitalEdu.Service.Access;
using FluentValidation;

namespace DigitalEdu.Service.Features.Province;

/// <summary>
/// A commune, a school or the province with its figures and rates: % with a valid ID, % verified, % of pupils with their health
/// exam synced, open items per 100 persons. A rate is null where there is nobody to count it over.
/// </summary>
public sealed record AreaRow(
    string Key, string Name, bool NamedByCode, string? CommuneKey, string? CommuneName, string? Level, int Schools,
    int Persons, int Students, int WithPersonalId, int Verified, int HealthCurrent, int Open)
{
    public double? ValidIdRate => Persons == 0 ? null : 100.0 * WithPersonalId / Persons;
    public double? VerifiedRate => Persons == 0 ? null : 100.0 * Verified / Persons;
    public double? HealthRate => Students == 0 ? null : 100.0 * HealthCurrent / Students;
    public double? OpenPer100 => Persons == 0 ? null : 100.0 * Open / Persons;

    public static AreaRow Sum(string key, string name, bool namedByCode, IReadOnlyCollection<SchoolFigure> schools) =>
        new(key, name, namedByCode, null, null, null, schools.Count, schools.Sum(s => s.Persons), schools.Sum(s => s.Students),
            schools.Sum(s => s.WithPersonalId), schools.Sum(s => s.Verified), schools.Sum(s => s.HealthCurrent), schools.Sum(s => s.Open));
}

/// <summary>
/// The drill-down's levels: the province's communes, or the schools (of one commune, or all), each with its rates; searched by
/// name (with or without diacritics) or code, sorted by any column (rates included) and paged. The school leads on to its items
/// and the persons they are about (the school page).
/// </summary>
public static partial class DrillDown
{
    public const string Communes = "communes";
    public const string Schools = "schools";
    public const int DefaultLimit = 50;

    /// <summary>The key of the schools whose listing named no commune.</summary>
    public const string NoCommune = "-";

    public static readonly IReadOnlyList<string> SortKeys = ["name", "schools", "persons", "validId", "verified", "health", "openPer100", "open"];

    public sealed record Query(string? Level, string? Commune, string? Search, string? Sort, string? Order, int? Page, int? Limit);

    public sealed record Result(
        IReadOnlyList<AreaRow> Rows, int Total, int Page, int Pages, AreaRow Whole, string Level, string Sort, bool Descending);

    public sealed partial class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Level).Must(l => l is null or Communes or Schools).WithMessage($"level must be {Communes} or {Schools}.");
            RuleFor(q => q.Commune).Must(IsCommuneKey).When(q => q.Commune is not null)
                .WithMessage($"commune must be a commune code (digits) or {NoCommune}.");
            RuleFor(q => q.Search).MaximumLength(100).WithMessage("search must be at most 100 characters.")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("search must not contain control characters.");
            RuleFor(q => q.Sort).Must(s => s is null || SortKeys.Contains(s)).WithMessage($"sort must be one of {string.Join(", ", SortKeys)}.");
            RuleFor(q => q.Order).Must(o => o is null or "asc" or "desc").WithMessage("order must be asc or desc.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).When(q => q.Page is not null).WithMessage("page must be 1 or more.");
            RuleFor(q => q.Limit).InclusiveBetween(1, 500).When(q => q.Limit is not null).WithMessage("limit must be between 1 and 500.");
        }
    }

    public static bool IsCommuneKey(string? key) => key is NoCommune || (key is not null && CommuneCode().IsMatch(key));

    public sealed class Handler(SchoolFigures figures)
    {
        public async Task<Result> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            var schools = await figures.ReadAsync(scope, cancellationToken);
            var level = query.Commune is not null ? Schools : query.Level ?? Communes;
            AreaRow whole;
            if (query.Commune is { } commune)
            {
                schools = schools.Where(s => KeyOf(s.CommuneCode) == commune).ToList();
                var (name, byCode) = CommuneLabel(commune, schools.Select(s => s.CommuneName).FirstOrDefault(n => n is not null));
                whole = AreaRow.Sum(commune, name, byCode, schools);
            }
            else
            {
                whole = AreaRow.Sum("", "Toàn tỉnh", false, schools);
            }

            var rows = level == Schools
                ? schools.Select(s =>
                {
                    var (communeName, _) = CommuneLabel(KeyOf(s.CommuneCode), s.CommuneName);
                    return new AreaRow(s.Code, s.Name, false, KeyOf(s.CommuneCode), communeName, s.Level, 1, s.Persons, s.Students,
                        s.WithPersonalId, s.Verified, s.HealthCurrent, s.Open);
                }).ToList()
                : schools.GroupBy(s => KeyOf(s.CommuneCode)).Select(g =>
                {
                    var (name, byCode) = CommuneLabel(g.Key, g.Select(s => s.CommuneName).FirstOrDefault(n => n is not null));
                    return AreaRow.Sum(g.Key, name, byCode, g.ToList()) with { CommuneKey = g.Key, CommuneName = name };
                }).ToList();

            if (VietnameseText.SearchKey(query.Search) is { } wanted)
            {
                rows = rows.Where(r => r.Key.StartsWith(query.Search!.Trim(), StringComparison.Ordinal)
                                       || (VietnameseText.SearchKey(r.Name)?.Contains(wanted, StringComparison.Ordinal) ?? false)).ToList();
            }

            var sort = query.Sort ?? "openPer100";
            var descending = query.Order is null ? sort != "name" : query.Order == "desc";
            var ordered = Order(rows, sort, descending);
            var limit = query.Limit ?? DefaultLimit;
            var pages = Math.Max(1, (rows.Count + limit - 1) / limit);
            var page = Math.Min(query.Page ?? 1, pages);
            return new Result(ordered.Skip((page - 1) * limit).Take(limit).ToList(), rows.Count, page, pages, whole, level, sort, descending);
        }
    }

    /// <summary>A commune as people call it: its name from the listings, else its code; the schools with none as one group.</summary>
    public static (string Name, bool ByCode) CommuneLabel(string key, string? name) =>
        key == NoCommune ? ("Chưa rõ xã, phường", true) : name is not null ? (name, false) : ($"Xã, phường mã {key}", true);

    public static string KeyOf(string? communeCode) => string.IsNullOrEmpty(communeCode) ? NoCommune : communeCode;

    private static IEnumerable<AreaRow> Order(IEnumerable<AreaRow> rows, string sort, bool descending)
    {
        // Rows without a rate (nobody counted) go last whichever way the list is sorted.
        Func<AreaRow, double?> key = sort switch
        {
            "schools" => r => r.Schools,
            "persons" => r => r.Persons,
            "validId" => r => r.ValidIdRate,
            "verified" => r => r.VerifiedRate,
            "health" => r => r.HealthRate,
            "open" => r => r.Open,
            "openPer100" => r => r.OpenPer100,
            _ => _ => 0,
        };
        var withKey = rows.OrderBy(r => key(r) is null ? 1 : 0);
        var sorted = sort == "name"
            ? descending ? withKey.ThenByDescending(r => r.Name, StringComparer.Create(Vocabulary.Labels.Vietnamese, false))
                : withKey.ThenBy(r => r.Name, StringComparer.Create(Vocabulary.Labels.Vietnamese, false))
            : descending ? withKey.ThenByDescending(key) : withKey.ThenBy(key);
        return sorted.ThenBy(r => r.Key, StringComparer.Ordinal);
    }

    [GeneratedRegex("^[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommuneCode();
}
