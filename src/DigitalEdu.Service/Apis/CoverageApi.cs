using System.Security.Claims;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Coverage;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalEdu.Service.Apis;

public static class CoverageApi
{
    public static RouteGroupBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/coverage").WithTags("Coverage").RequireAuthorization(Policies.Read);
        group.MapGet("/", CurrentAsync).WithValidation<CoverageQuery>();
        group.MapGet("/trend", TrendAsync).RequireAuthorization(Policies.Oversee);
        return group;
    }

    /// <summary>Persons, with a personal ID, verified, current health exams and open items, by school, commune, level or province.</summary>
    public static async Task<Ok<CoverageAnswer>> CurrentAsync(
        [AsParameters] CoverageQuery query, CoverageReport report, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var grouping = Enum.Parse<CoverageGrouping>(query.GroupBy ?? "school", ignoreCase: true);
        var rows = await report.CurrentAsync(grouping, UserScope.From(user).Schools, cancellationToken);
        var openTotals = rows.SelectMany(r => r.OpenItems).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var total = new CoverageRow("", null, rows.Sum(r => r.Persons), rows.Sum(r => r.Students), rows.Sum(r => r.Staff),
            rows.Sum(r => r.WithPersonalId), rows.Sum(r => r.Verified), rows.Sum(r => r.HealthCurrent), rows.Sum(r => r.OpenTotal), openTotals);
        return TypedResults.Ok(new CoverageAnswer(grouping.ToString().ToLowerInvariant(), rows, total));
    }

    public static async Task<Ok<IReadOnlyList<CoveragePoint>>> TrendAsync(CoverageReport report, int? runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await report.TrendAsync(Math.Clamp(runs ?? 30, 1, 365), cancellationToken));
}

public sealed record CoverageQuery(string? GroupBy);

public sealed class CoverageQueryValidator : AbstractValidator<CoverageQuery>
{
    public CoverageQueryValidator() =>
        RuleFor(q => q.GroupBy).Must(g => g is null || Enum.TryParse<CoverageGrouping>(g, ignoreCase: true, out _))
            .WithMessage("groupBy must be school, commune, level or province.");
}

public sealed record CoverageAnswer(string GroupBy, IReadOnlyList<CoverageRow> Rows, CoverageRow Total);
