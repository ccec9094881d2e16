using DigitalEdu.Service.Features.Audit;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>The audit log, newest first: searched by person, action, school and day, a page at a time, and exported.</summary>
public sealed class AuditModel(SearchAudit.Handler search, IValidator<SearchAudit.Query> validator) : PageModel
{
    public const int PageSize = SearchAudit.DefaultLimit;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? AuditAction { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SchoolCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>The page of the list, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchAudit.Result Result { get; private set; } = new([], 0, 1, PageSize);

    /// <summary>The search as a query string, for the pager and the export link.</summary>
    public string Filters => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor,
        ["action"] = AuditAction,
        ["schoolCode"] = SchoolCode,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        // The same query, validated the same way, as GET /api/v1/audit.
        Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim();
        AuditAction = string.IsNullOrWhiteSpace(AuditAction) ? null : AuditAction;
        SchoolCode = string.IsNullOrWhiteSpace(SchoolCode) ? null : SchoolCode.Trim();
        var query = new SearchAudit.Query(Actor, AuditAction, SchoolCode, From, To, Math.Max(1, PageNumber), PageSize);
        if (!(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        Result = await search.HandleAsync(query, cancellationToken);
        if (Result.Total > 0 && Result.Items.Count == 0)
        {
            // Past the last page: show the last one.
            Result = await search.HandleAsync(query with { Page = Result.Pages }, cancellationToken);
        }

        PageNumber = Result.Page;
        return Page();
    }
}
