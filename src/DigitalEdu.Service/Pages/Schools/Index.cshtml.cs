using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>The schools the user may see with their open items; a clerk of one school goes straight to it.</summary>
public sealed class IndexModel(DigitalEduDbContext db) : PageModel
{
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = UserScope.From(User);
        if (scope.Schools is { Count: 1 } only)
        {
            return Redirect($"/schools/{only.Single()}");
        }

        var schools = db.Schools.AsNoTracking();
        if (scope.Schools is { } visible)
        {
            schools = schools.Where(s => visible.Contains(s.Code));
        }

        var open = db.Mismatches.Where(m => m.Status == MismatchStatus.Open);
        Schools = await schools
            .Select(s => new SchoolRow(s.Code, s.Name, s.Level, s.CommuneCode, open.Count(m => m.SchoolCode == s.Code)))
            .OrderByDescending(s => s.Open).ThenBy(s => s.Code)
            .ToListAsync(cancellationToken);
        return Page();
    }

    public sealed record SchoolRow(string Code, string Name, string? Level, string? CommuneCode, int Open);
}
