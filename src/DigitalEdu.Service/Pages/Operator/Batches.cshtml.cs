using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Sync.Jobs;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Operator;

/// <summary>Batches filtered by run, status, source and school, a page at a time, the failed ones with the upstream's answer; re-run one or all.</summary>
public sealed class BatchesModel(DigitalEduDbContext db, BatchRetrier retrier, ListBatches.Handler list, IValidator<BatchQuery> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? RunId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SchoolCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public BatchPage Batches { get; private set; } = new([], null);
    public int Failed { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Whether a batch shown is still running: the page then refreshes itself.</summary>
    public bool Live => Batches.Items.Any(b => b.Status == BatchStatus.Running);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status ??= BatchStatus.Failed;
        SchoolCode = string.IsNullOrWhiteSpace(SchoolCode) ? null : SchoolCode.Trim();
        Source = string.IsNullOrWhiteSpace(Source) ? null : Source;
        var query = new BatchQuery(Status == "all" ? null : Status, RunId, Source, SchoolCode, Before, BatchQuery.DefaultLimit);
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            Error = "Bộ lọc không hợp lệ: mã trường gồm 8 chữ số; nguồn và trạng thái chọn trong danh sách.";
            query = new BatchQuery(BatchStatus.Failed, null, null, null, null, BatchQuery.DefaultLimit);
        }

        Batches = await list.HandleAsync(query, cancellationToken);
        Failed = await db.Batches.CountAsync(b => b.Status == BatchStatus.Failed, cancellationToken);
    }

    /// <summary>This page's address with one filter changed (and paging restarted unless <paramref name="before"/> is given).</summary>
    public string With(string? status = null, long? before = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = status ?? Status,
            ["runId"] = RunId?.ToString(),
            ["source"] = Source,
            ["schoolCode"] = SchoolCode,
            ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToUriComponent();

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
