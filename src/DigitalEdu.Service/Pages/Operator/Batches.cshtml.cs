using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Operator;

/// <summary>Batches, the failed ones first with the upstream's error; re-run one or all.</summary>
public sealed class BatchesModel(DigitalEduDbContext db, BatchRetrier retrier) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<Batch> Batches { get; private set; } = [];
    public int Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status ??= BatchStatus.Failed;
        var batches = db.Batches.AsNoTracking();
        if (Status != "all")
        {
            batches = batches.Where(b => b.Status == Status);
        }

        Batches = await batches.OrderByDescending(b => b.Id).Take(300).ToListAsync(cancellationToken);
        Failed = await db.Batches.CountAsync(b => b.Status == BatchStatus.Failed, cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        TempData["message"] = await retrier.RetryAsync(id, cancellationToken) switch
        {
            RetryBatchOutcome.Enqueued => $"Đã xếp hàng chạy lại lô {id}.",
            RetryBatchOutcome.NotFound => $"Không tìm thấy lô {id}.",
            _ => $"Lô {id} không ở trạng thái lỗi nên không chạy lại.",
        };
        return Redirect("/operator/batches?status=all");
    }

    public async Task<IActionResult> OnPostRetryAllAsync(CancellationToken cancellationToken)
    {
        var enqueued = await retrier.RetryAllFailedAsync(cancellationToken);
        TempData["message"] = $"Đã xếp hàng chạy lại {enqueued} lô.";
        return Redirect("/operator/batches?status=all");
    }
}
