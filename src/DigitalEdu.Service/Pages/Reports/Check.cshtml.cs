using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>
/// An officer, or a school for itself, uploads a report typed by hand in the export's layout and reads its problems, each with
/// its cell. The same use case as <c>POST /api/v1/reports/check</c>; nothing of the file is kept.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = CheckReport.MaxFileBytes + 64 * 1024)]
[RequestSizeLimit(CheckReport.MaxFileBytes + 64 * 1024)]
public sealed class CheckModel(ReportSnapshots snapshots, CheckReport checker) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? SnapshotId { get; set; }

    public IReadOnlyList<SnapshotSummary> Snapshots { get; private set; } = [];

    public CheckResult? Result { get; private set; }

    public string? FileName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Snapshots = await snapshots.ListAsync(UserScope.From(User), cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Snapshots = await snapshots.ListAsync(UserScope.From(User), cancellationToken);
        if (file is null || file.Length == 0)
        {
            Result = new CheckResult("Chọn tệp Excel (.xlsx) của báo cáo cần kiểm tra.", 0, null, null, []);
            return Page();
        }

        FileName = Path.GetFileName(file.FileName);
        await using var stream = file.OpenReadStream();
        Result = await checker.HandleAsync(stream, SnapshotId, User, cancellationToken);
        return Page();
    }
}
