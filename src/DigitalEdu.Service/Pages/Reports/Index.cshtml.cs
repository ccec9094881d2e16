using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Reports;
using DigitalEdu.Sync.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>
/// The frozen snapshots, newest cut-off first, with the calendar's next cut-offs; an officer freezes a cut-off on demand here,
/// and anyone picks two snapshots to compare or goes on to check a hand-typed report.
/// </summary>
public sealed class IndexModel(ReportSnapshots snapshots, ReportingCalendar calendar, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SnapshotSummary> Snapshots { get; private set; } = [];

    public IReadOnlyList<CutOff> Calendar { get; private set; } = [];

    public bool CanFreeze => User.IsInRole(Roles.Officer) || User.IsInRole(Roles.Operator);

    public DateOnly Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ReportingCalendar.Today(clock);
        Snapshots = await snapshots.ListAsync(UserScope.From(User), cancellationToken);
        var year = ReportingCalendar.SchoolYearOf(Today);
        Calendar = [.. calendar.CutOffsOf(year)];
    }

    public async Task<IActionResult> OnPostFreezeAsync(DateOnly? cutOff, CancellationToken cancellationToken)
    {
        if (!CanFreeze)
        {
            return Forbid();
        }

        var today = ReportingCalendar.Today(clock);
        if (cutOff > today)
        {
            Message = "Không thể chốt số liệu cho một ngày chưa đến.";
            return RedirectToPage();
        }

        if (await snapshots.FreezeAsync(cutOff, User, cancellationToken) is not { } frozen)
        {
            Message = "Chưa có lượt đồng bộ nào trước ngày đó: chưa có số liệu để chốt.";
            return RedirectToPage();
        }

        return Redirect($"/reports/{frozen.Id}");
    }
}
