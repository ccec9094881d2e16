using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>The province at a glance: runs, coverage, open items by kind, level and commune, the trend, the lagging schools.</summary>
public sealed class IndexModel(DigitalEduDbContext db, CoverageFigures coverage, SummarizeMismatches.Handler summary) : PageModel
{
    public IReadOnlyList<SyncRun> Runs { get; private set; } = [];
    public CoverageSummary Coverage { get; private set; } = new([], null);
    public MismatchSummary Summary { get; private set; } = null!;
    public IReadOnlyList<CommuneRow> Communes { get; private set; } = [];
    public TrendChart Trend { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Runs = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(8).ToListAsync(cancellationToken);
        Coverage = await coverage.LatestAsync(null, cancellationToken);

        // The same figures the API answers, from the same code, so page and API cannot drift apart.
        Summary = await summary.HandleAsync(new SummarizeMismatches.Query(null), UserScope.From(User), cancellationToken);

        // Per school first: counting distinct schools inside a grouped join does not translate to SQL.
        var perSchool = await (from m in db.Mismatches.AsNoTracking()
                               where m.Status == MismatchStatus.Open
                               join s in db.Schools on m.SchoolCode equals s.Code
                               group m by new { s.CommuneCode, s.Code } into g
                               select new { g.Key.CommuneCode, Open = g.Count() })
            .ToListAsync(cancellationToken);
        Communes = perSchool.GroupBy(r => r.CommuneCode)
            .Select(g => new CommuneRow(g.Key, g.Count(), g.Sum(r => r.Open)))
            .OrderByDescending(c => c.Open).ThenBy(c => c.CommuneCode).Take(10).ToList();

        var finished = await db.SyncRuns.AsNoTracking()
            .Where(r => r.FinishedAt != null && r.SchoolCode == null)
            .OrderByDescending(r => r.FinishedAt).Take(20).ToListAsync(cancellationToken);
        Trend = new TrendChart(finished
            .Select(r => (r, counts: RunFigures.Of(r)))
            .Where(x => x.counts is not null)
            .OrderBy(x => x.r.FinishedAt)
            .Select(x => new TrendPoint(x.r.FinishedAt!.Value, x.counts!.Items.Found, x.counts.Items.Resolved))
            .ToList());
    }

    public sealed record CommuneRow(string? CommuneCode, int Schools, int Open);
}
