using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Province;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>A level of the drill-down (the communes, or the schools of one commune or all): search, sort and page in the query.</summary>
public abstract class AreaPage(DrillDown.Handler drillDown, IValidator<DrillDown.Query> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    /// <summary>The page of the list, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AreaList List { get; private set; } = null!;

    protected abstract string Level { get; }

    protected abstract string Path { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Commune = string.IsNullOrWhiteSpace(Commune) ? null : Commune.Trim();
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var query = new DrillDown.Query(Level, Commune, Search, string.IsNullOrEmpty(Sort) ? null : Sort, string.IsNullOrEmpty(Order) ? null : Order,
            Math.Max(1, PageNumber), null);
        if (!ModelState.IsValid || !(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        var result = await drillDown.HandleAsync(query, UserScope.From(User), cancellationToken);
        List = new AreaList(result, Path, Commune, Search);
        return Page();
    }
}
