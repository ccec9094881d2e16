using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>
/// "Kiểm tra lại": POST starts a check of the school (or says when the next may start) and waits a few seconds for it; GET
/// shows a check's outcome, refreshing itself while the run is still going.
/// </summary>
public sealed class CheckModel(DigitalEduDbContext db, CheckSchool.Handler checks, TimeProvider clock) : PageModel
{
    public School? School { get; private set; }
    public string SchoolCode { get; private set; } = "";
    public CheckSchool.Outcome? Outcome { get; private set; }

    /// <summary>Set when the check was refused: the school was checked less than a minute ago.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The latest check of the school, linked from a refusal.</summary>
    public Guid? LatestRunId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string schoolCode, Guid? runId, CancellationToken cancellationToken)
    {
        if (runId is not { } id || await checks.OutcomeAsync(schoolCode, id, UserScope.From(User), cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        SchoolCode = schoolCode;
        Outcome = outcome;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string schoolCode, CancellationToken cancellationToken)
    {
        if (await checks.StartAsync(schoolCode, User, cancellationToken) is not { } started)
        {
            return NotFound();
        }

        if (started.RunId is { } runId)
        {
            // A school run takes about a second: most clerks see the outcome on the next page, without a refresh.
            await checks.WaitAsync(runId, CheckSchool.Wait, cancellationToken);
            return Redirect($"/schools/{schoolCode}/checks/{runId}");
        }

        SchoolCode = schoolCode;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        var seconds = Math.Max(1, (int)Math.Ceiling((started.NextAllowedAt - clock.GetUtcNow()).TotalSeconds));
        Refusal = $"Trường vừa được kiểm tra lại lúc {Labels.Clock(started.NextAllowedAt - CheckSchool.Interval)}. Mỗi trường được kiểm tra lại tối đa "
            + $"một lần mỗi phút: hãy thử lại sau {seconds} giây.";
        LatestRunId = await db.SyncRuns.AsNoTracking().Where(r => r.SchoolCode == schoolCode).OrderByDescending(r => r.RequestedAt)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
