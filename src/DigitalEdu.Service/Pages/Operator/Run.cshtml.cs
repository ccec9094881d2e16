using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Sync.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Operator;

/// <summary>One run: its progress per source, its pulls by school, its failed batches with the upstream's answer; retry it.</summary>
public sealed class RunModel(GetRun.Handler getRun, RetryRun.Handler retryRun, BatchRetrier batchRetrier) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Pulls { get; set; }

    /// <summary>The page of pulls, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Details.PullsShown + PageSize - 1) / PageSize);

    private const int PageSize = 200;

    public RunDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Source = Source is not null && WireNames.Sources.Contains(Source) ? Source : null;
        School = string.IsNullOrWhiteSpace(School) ? null : School.Trim();
        Pulls = Pulls is "all" or PullStatus.Succeeded or PullStatus.Failed or PullStatus.Running or PullStatus.Queued ? Pulls : RunQuery.Problems;
        var details = await getRun.HandleAsync(
            new RunQuery(id, Source, School == "province" ? "" : School, Pulls == "all" ? null : Pulls, Math.Max(1, PageNumber), PageSize), cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        PageNumber = details.PullsPage;
        return Page();
    }

    /// <summary>This page's address with the filters kept and another page of pulls.</summary>
    public string PageLink(int page) =>
        $"?pulls={Uri.EscapeDataString(Pulls ?? "")}&source={Uri.EscapeDataString(Source ?? "")}&school={Uri.EscapeDataString(School ?? "")}&p={page}";

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await retryRun.HandleAsync(id, cancellationToken);
        TempData["message"] = result.Outcome switch
        {
            RetryRunOutcome.Replanned => "Đã xếp hàng chạy lại lượt đồng bộ từ đầu.",
            RetryRunOutcome.BatchesRequeued => $"Đã xếp hàng chạy lại {Labels.Number(result.Batches)} lô lỗi của lượt này.",
            RetryRunOutcome.NotFound => "Không tìm thấy lượt đồng bộ.",
            _ => "Lượt đồng bộ này không có gì để chạy lại.",
        };
        return Redirect($"/operator/runs/{id}");
    }

    public async Task<IActionResult> OnPostRetryBatchAsync(Guid id, long batch, CancellationToken cancellationToken)
    {
        TempData["message"] = await batchRetrier.RetryAsync(batch, cancellationToken) switch
        {
            RetryBatchOutcome.Enqueued => $"Đã xếp hàng chạy lại lô {batch}.",
            RetryBatchOutcome.NotFound => $"Không tìm thấy lô {batch}.",
            _ => $"Lô {batch} không ở trạng thái lỗi nên không chạy lại.",
        };
        return Redirect($"/operator/runs/{id}");
    }
}
