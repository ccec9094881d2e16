using DigitalEdu.Data;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.CodeDrift;

/// <summary>The codes an upstream sent that DigitalEdu's lists lack, for one run (the latest reconciled one by default).</summary>
public sealed record CodeDriftQuery(Guid? RunId);

public sealed class CodeDriftQueryValidator : AbstractValidator<CodeDriftQuery>
{
    public CodeDriftQueryValidator() => RuleFor(q => q.RunId).NotEqual(Guid.Empty).WithMessage("runId must be a run's id.");
}

/// <summary>One drifted code: where it came from, how many records held it after the run, one of their keys, and since when.</summary>
public sealed record DriftedCodeView(
    string Source, string Field, string Code, int Records, string ExampleKey, DateTimeOffset FirstSeenAt, Guid FirstRunId, DateTimeOffset LastSeenAt);

public sealed record CodeDriftReportView(Guid? RunId, IReadOnlyList<DriftedCodeView> Items);

/// <summary>
/// Code-list drift, as the operator's console and <c>GET /api/v1/code-drift</c> show it: per source and field, the codes nobody
/// knew, with record counts, an example source key (no personal data) and the first sighting.
/// </summary>
public sealed class CodeDriftReport(DigitalEduDbContext db)
{
    public async Task<CodeDriftReportView> HandleAsync(CodeDriftQuery query, CancellationToken cancellationToken)
    {
        var runId = query.RunId ?? await db.CodeDriftCounts.AsNoTracking()
            .Join(db.SyncRuns.Where(r => r.ReconciledAt != null), c => c.RunId, r => r.Id, (c, r) => new { r.Id, r.ReconciledAt })
            .OrderByDescending(r => r.ReconciledAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (runId is null)
        {
            return new CodeDriftReportView(null, []);
        }

        var items = await (from c in db.CodeDriftCounts.AsNoTracking()
                           join d in db.CodeDrifts.AsNoTracking() on new { c.Source, c.Field, c.Code } equals new { d.Source, d.Field, d.Code }
                           where c.RunId == runId
                           orderby c.Source, c.Field, c.Code
                           select new DriftedCodeView(c.Source, c.Field, c.Code, c.Records, c.ExampleKey, d.FirstSeenAt, d.FirstRunId, d.LastSeenAt))
            .ToListAsync(cancellationToken);
        return new CodeDriftReportView(runId, items);
    }
}

public static class CodeDriftApi
{
    public static RouteGroupBuilder MapCodeDriftApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/code-drift").WithTags("Code-list drift").RequireAuthorization(Policies.Operate);
        group.MapGet("/", GetAsync).WithValidation<CodeDriftQuery>();
        return group;
    }

    public static async Task<Ok<CodeDriftReportView>> GetAsync([AsParameters] CodeDriftQuery query, CodeDriftReport report, CancellationToken cancellationToken) =>
        TypedResults.Ok(await report.HandleAsync(query, cancellationToken));
}
