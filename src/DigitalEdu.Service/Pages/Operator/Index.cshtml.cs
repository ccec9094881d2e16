using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.CodeDrift;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Jobs;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Operator;

/// <summary>Runs with per-source figures and durations; start a run for the province or one school.</summary>
public sealed class IndexModel(
    DigitalEduDbContext db, SyncRunStarter starter, IValidator<StartSyncRunRequest> validator, CodeDriftReport drift,
    PauseSource.Handler pause, ResumeSource.Handler resume) : PageModel
{
    public IReadOnlyList<SyncRun> Runs { get; private set; } = [];
    public int FailedBatches { get; private set; }
    public string? Error { get; private set; }
    public CodeDriftReportView Drift { get; private set; } = new(null, []);
    public IReadOnlyList<SourceState> Sources { get; private set; } = [];

    /// <summary>Whether a run is going: the page then refreshes itself.</summary>
    public bool Live => Runs.Any(r => r.Status is SyncRunStatus.Queued or SyncRunStatus.Running);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(string? mode, string? schoolCode, CancellationToken cancellationToken)
    {
        var request = new StartSyncRunRequest(mode ?? SyncMode.Full, string.IsNullOrWhiteSpace(schoolCode) ? null : schoolCode.Trim());
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            Error = request.SchoolCode is not null ? "Mã trường phải gồm 8 chữ số." : "Chế độ đồng bộ không hợp lệ.";
            await LoadAsync(cancellationToken);
            return Page();
        }

        var run = await starter.StartAsync(request, User.Identity?.Name ?? "web", cancellationToken);
        TempData["message"] = $"Đã xếp hàng lượt đồng bộ {(run.SchoolCode is null ? "toàn tỉnh" : "trường " + run.SchoolCode)}.";
        return Redirect("/operator");
    }

    public async Task<IActionResult> OnPostPauseAsync(string? source, CancellationToken cancellationToken)
    {
        if (source is null || !WireNames.Sources.Contains(source))
        {
            return BadRequest();
        }

        TempData["message"] = await pause.HandleAsync(source, User.Identity?.Name ?? "web", cancellationToken)
            ? $"Đã tạm dừng nguồn {Labels.Source(source)}: các lượt đồng bộ sau sẽ không lấy dữ liệu từ nguồn này."
            : $"Nguồn {Labels.Source(source)} đã đang tạm dừng.";
        return Redirect("/operator");
    }

    public async Task<IActionResult> OnPostResumeAsync(string? source, CancellationToken cancellationToken)
    {
        if (source is null || !WireNames.Sources.Contains(source))
        {
            return BadRequest();
        }

        TempData["message"] = await resume.HandleAsync(source, cancellationToken)
            ? $"Đã cho chạy lại nguồn {Labels.Source(source)}: lượt đồng bộ sau sẽ lấy dữ liệu từ nguồn này."
            : $"Nguồn {Labels.Source(source)} không bị tạm dừng.";
        return Redirect("/operator");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sources = await PauseSource.StatesAsync(db, cancellationToken);
        Runs = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(30).ToListAsync(cancellationToken);
        FailedBatches = await db.Batches.CountAsync(b => b.Status == BatchStatus.Failed, cancellationToken);
        Drift = await drift.HandleAsync(new CodeDriftQuery(null), cancellationToken);
    }

    public static int Received(RunCounts? counts, string source) => counts?.Sources.GetValueOrDefault(source)?.Received ?? 0;
}
