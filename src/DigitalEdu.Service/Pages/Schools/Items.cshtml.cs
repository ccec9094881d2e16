using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>One school's items, filtered by kind and status, with its coverage figures and the exports.</summary>
public sealed class ItemsModel(DigitalEduDbContext db, CoverageFigures coverage) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The page of the list, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public School? School { get; private set; }
    public string SchoolCode { get; private set; } = "";
    public IReadOnlyList<MismatchView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyDictionary<string, int> ByKind { get; private set; } = new Dictionary<string, int>();
    public CoverageSummary Coverage { get; private set; } = new([], null);

    public string Query => $"?status={Status}" + (Kind is null ? "" : $"&kind={Kind}");

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string schoolCode, CancellationToken cancellationToken)
    {
        // Another school's page does not exist for a clerk: 404, as in the API.
        if (!UserScope.From(User).CanSee(schoolCode))
        {
            return NotFound();
        }

        if (Kind is not null && !MismatchKinds.All.Contains(Kind))
        {
            Kind = null;
        }

        Status = Status is MismatchStatus.FixedPending or MismatchStatus.Resolved or MismatchStatus.Dismissed ? Status : MismatchStatus.Open;
        SchoolCode = schoolCode;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);

        var inStatus = db.Mismatches.AsNoTracking().Where(m => m.SchoolCode == schoolCode && m.Status == Status);
        ByKind = await inStatus.GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = Kind is null ? inStatus : inStatus.Where(m => m.Kind == Kind);
        Total = Kind is null ? ByKind.Values.Sum() : ByKind.GetValueOrDefault(Kind);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = (await items.OrderBy(m => m.Kind).ThenBy(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
            .Select(MismatchView.From).ToList();
        Coverage = await coverage.LatestAsync(schoolCode, cancellationToken);
        return Page();
    }
}
