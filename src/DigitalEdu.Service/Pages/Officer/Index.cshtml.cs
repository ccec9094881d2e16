using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Features.Province;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>
/// The province at a glance: runs, coverage, open items by kind, level and commune, the coverage trend, and the lagging communes and
/// schools ranked by open items per 100 persons as well as by count. Every count leads to the list it counts.
/// </summary>
public sealed class IndexModel(
    DigitalEduDbContext db, CoverageFigures coverage, SummarizeMismatches.Handler summary, DrillDown.Handler drillDown, Trends.Handler trends)
    : PageModel
{
    public IReadOnlyList<SyncRun> Runs { get; private set; } = [];
    public CoverageSummary Coverage { get; private set; } = new([], null);
    public MismatchSummary Summary { get; private set; } = null!;
    public IReadOnlyList<AreaRow> Communes { get; private set; } = [];
    public IReadOnlyList<AreaRow> SchoolsByRate { get; private set; } = [];
    public TrendChart Trend { get; private set; } = new([]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Runs = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(8).ToListAsync(cancellationToken);
        Coverage = await coverage.LatestAsync(null, cancellationToken);

        // The same figures the API answers, from the same code, so page and API cannot drift apart.
        Summary = await summary.HandleAsync(new SummarizeMismatches.Query(null), UserScope.From(User), cancellationToken);

        var scope = UserScope.From(User);
        Communes = (await drillDown.HandleAsync(new DrillDown.Query(DrillDown.Communes, null, null, "openPer100", "desc", 1, 10), scope, cancellationToken)).Rows;
        SchoolsByRate = (await drillDown.HandleAsync(new DrillDown.Query(DrillDown.Schools, null, null, "openPer100", "desc", 1, 10), scope, cancellationToken)).Rows;

        // Whether coverage improves: the province's rates after each of its last runs (the trends page has the rest).
        var trend = await trends.HandleAsync(
            new Trends.Query(null, null, Trends.LastRuns, Trends.DefaultRuns, null, null), scope, cancellationToken, openByKind: false);
        Trend = new TrendChart(trend?.Points ?? []);
    }

}
