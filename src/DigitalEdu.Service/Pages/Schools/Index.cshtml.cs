using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
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
            var codes = visible.ToArray();
            schools = schools.Where(s => codes.Contains(s.Code));
        }

        // Two small queries, joined here: the open items counted per school, and the schools. (Ordering the schools by a
        // correlated count in SQL is a query EF Core cannot translate.)
        var open = await db.Mismatches.AsNoTracking().Where(m => m.Status == MismatchStatus.Open).Scoped(scope)
            .GroupBy(m => m.SchoolCode).Select(g => new { SchoolCode = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SchoolCode, g => g.Count, cancellationToken);
        var rows = await schools.Select(s => new { s.Code, s.Name, s.Level, s.CommuneCode, s.CommuneName }).ToListAsync(cancellationToken);
        Schools = rows.Select(r => new SchoolRow(r.Code, r.Name, r.Level, r.CommuneName ?? r.CommuneCode, open.GetValueOrDefault(r.Code)))
            .OrderByDescending(r => r.Open).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return Page();
    }

    public sealed record SchoolRow(string Code, string Name, string? Level, string? Commune, int Open);
}
