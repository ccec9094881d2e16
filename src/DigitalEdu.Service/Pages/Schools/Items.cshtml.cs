using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>One school's items, filtered by kind and status, with its coverage figures and the exports.</summary>
public sealed class ItemsModel(
    DigitalEduDbContext db, ListMismatches.Handler list, IValidator<ListMismatches.Query> validator, CoverageFigures coverage) : PageModel
{
    public const int PageSize = ListMismatches.DefaultLimit;

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
        // The same query, validated the same way, as GET /api/v1/mismatches.
        Status ??= MismatchStatus.Open;
        var query = new ListMismatches.Query(Kind, schoolCode, Status, null, null, PageSize, Math.Max(1, PageNumber));
        if (!(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        // Another school's page does not exist for a clerk: 404, as in the API.
        if (await list.HandleAsync(query, UserScope.From(User), cancellationToken) is not { } page)
        {
            return NotFound();
        }

        if (page.Total > 0 && page.Items.Count == 0)
        {
            // Past the last page: show the last one.
            PageNumber = (page.Total + PageSize - 1) / PageSize;
            page = (await list.HandleAsync(query with { Page = PageNumber }, UserScope.From(User), cancellationToken))!;
        }

        SchoolCode = schoolCode;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        Items = page.Items;
        Total = page.Total;
        ByKind = page.ByKind;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Coverage = await coverage.LatestAsync(schoolCode, cancellationToken);
        return Page();
    }
}
