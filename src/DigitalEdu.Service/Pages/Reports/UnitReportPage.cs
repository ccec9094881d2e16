using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Reports;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>
/// A page about one unit of a snapshot (<c>?unit=province|commune|school&amp;code=</c>): the snapshot's page and its print page
/// read the unit the same way as <c>GET /api/v1/reports/snapshots/{id}</c>.
/// </summary>
public abstract class UnitReportPage(ReportSnapshots snapshots, IValidator<ReportsFeature.UnitQuery> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public ReportsFeature.SnapshotDetail Detail { get; private set; } = null!;

    /// <summary>The unit's query string, for the links that stay on it (export, print, pages, the way back).</summary>
    public string UnitQuery => $"unit={Detail.Report.Unit}{(Detail.Report.Code.Length > 0 ? "&code=" + Uri.EscapeDataString(Detail.Report.Code) : "")}";

    /// <summary>Reads the unit into <see cref="Detail"/>; the answer to send instead when the request is bad or the unit not there.</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // A school user's page names their first school when it names none, as the API's default does.
        var scope = UserScope.From(User);
        var query = new ReportsFeature.UnitQuery(string.IsNullOrWhiteSpace(Unit) ? null : Unit,
            string.IsNullOrWhiteSpace(Code) ? scope.Schools?.Order(StringComparer.Ordinal).FirstOrDefault() : Code.Trim());
        if (!(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        if (await ReportsFeature.DetailAsync(id, query, snapshots, scope, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        return null;
    }
}
