using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;

namespace DigitalEdu.Service.Web;

/// <summary>Writes who read unmasked personal data or exported it; officers read the log on their audit page.</summary>
public sealed class AuditLog(DigitalEduDbContext db, TimeProvider clock)
{
    public async Task WriteAsync(ClaimsPrincipal user, string action, string? schoolCode, long? mismatchId, string? detail, CancellationToken cancellationToken)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = user.Identity?.Name ?? "unknown",
            Role = user.FindFirstValue(ClaimTypes.Role) ?? "",
            Action = action,
            SchoolCode = schoolCode,
            MismatchId = mismatchId,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
