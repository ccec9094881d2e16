using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>Who saw full personal IDs and who exported what, newest first.</summary>
public sealed class AuditModel(DigitalEduDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? SchoolCode { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(SchoolCode))
        {
            entries = entries.Where(a => a.SchoolCode == SchoolCode.Trim());
        }

        Entries = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
    }
}
