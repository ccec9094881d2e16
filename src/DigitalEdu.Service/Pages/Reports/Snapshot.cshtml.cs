using DigitalEdu.Service.Features.Reports;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>
/// One snapshot for one unit (the province, a commune, a school): its figures by level, its sub-units, the sentences for a
/// report, and the way to the xlsx and the printable page. The same use case as <c>GET /api/v1/reports/snapshots/{id}</c>.
/// </summary>
public sealed class SnapshotModel(ReportSnapshots snapshots, IValidator<ReportsFeature.UnitQuery> validator) : UnitReportPage(snapshots, validator)
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Communes or schools a page lists: a province has hundreds of communes, and a phone reads a page at a time.</summary>
    public const int PartsPerPage = 100;

    public int Pages => Math.Max(1, (Detail.Report.Parts.Count + PartsPerPage - 1) / PartsPerPage);

    public IEnumerable<UnitLines> PartsShown => Detail.Report.Parts.Skip((PageNumber - 1) * PartsPerPage).Take(PartsPerPage);

    public string PageLink(int page) => $"/reports/{Detail.Snapshot.Id}?{UnitQuery}&p={page}";

    /// <summary>Where a sub-unit's row leads: a commune's report from the province's, a school's from a commune's.</summary>
    public string? PartLink(UnitLines part) => Detail.Report.Unit switch
    {
        ReportUnits.Province => $"/reports/{Detail.Snapshot.Id}?unit=commune&code={Uri.EscapeDataString(part.Code)}",
        ReportUnits.Commune => $"/reports/{Detail.Snapshot.Id}?unit=school&code={Uri.EscapeDataString(part.Code)}",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } failure)
        {
            return failure;
        }

        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        return Page();
    }
}
