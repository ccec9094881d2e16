using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Reports;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>A unit's report of a snapshot laid out for an A4 sheet (the browser prints it or saves it as PDF): the xlsx's layout.</summary>
public sealed class PrintModel(ReportSnapshots snapshots, IValidator<ReportsFeature.UnitQuery> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public IReadOnlyList<IReadOnlyList<string>> Sheet { get; private set; } = [];

    public ReportsFeature.SnapshotDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = UserScope.From(User);
        var query = new ReportsFeature.UnitQuery(string.IsNullOrWhiteSpace(Unit) ? null : Unit, string.IsNullOrWhiteSpace(Code) ? scope.Schools?.Order().FirstOrDefault() : Code.Trim());
        if (!(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        if (await ReportsFeature.DetailAsync(id, query, snapshots, scope, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        Sheet = ReportLayout.Sheet(detail.Report, detail.Snapshot.CutOff);
        return Page();
    }
}
