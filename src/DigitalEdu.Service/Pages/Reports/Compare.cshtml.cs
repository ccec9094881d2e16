using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Reports;
using DigitalEdu.Service.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>Two snapshots side by side: the totals, and each school and level whose figures changed.</summary>
public sealed class CompareModel(ReportSnapshots snapshots) : PageModel
{
    public SnapshotComparison? Comparison { get; private set; }

    public string? Problem { get; private set; }

    public static string Delta(int before, int after) => after == before ? "" : (after > before ? "+" : "−") + Labels.Number(Math.Abs(after - before));

    public async Task<IActionResult> OnGetAsync(Guid? before, Guid? after, CancellationToken cancellationToken)
    {
        if (before is null || after is null || before == after)
        {
            Problem = "Chọn hai bản chốt khác nhau: một bản «Trước» và một bản «Sau».";
            return Page();
        }

        Comparison = await snapshots.CompareAsync(before.Value, after.Value, UserScope.From(User), cancellationToken);
        return Comparison is null ? NotFound() : Page();
    }
}
