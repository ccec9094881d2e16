using DigitalEdu.Service.Features.Reports;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>A unit's report of a snapshot laid out for an A4 sheet (the browser prints it or saves it as PDF): the xlsx's layout.</summary>
public sealed class PrintModel(ReportSnapshots snapshots, IValidator<ReportsFeature.UnitQuery> validator) : UnitReportPage(snapshots, validator)
{
    public IReadOnlyList<IReadOnlyList<string>> Sheet { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } failure)
        {
            return failure;
        }

        Sheet = ReportLayout.Sheet(Detail.Report, Detail.Snapshot.CutOff);
        return Page();
    }
}
