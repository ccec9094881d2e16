using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

public enum TransitionOutcome
{
    Changed,
    NotFound,
    NotAllowed,

    /// <summary>The caller's role may not make this change at all (an officer marking an item fixed).</summary>
    Forbidden,
}

/// <summary>
/// The changes people make to an item (<see cref="MarkFixed"/>, <see cref="Dismiss"/>, <see cref="Reopen"/>); runs make the
/// others (found, found again, resolved). Each is an event with who, when and why, and an audit entry saved with it. Outside the
/// caller's scope an item is not found.
/// </summary>
public sealed class ItemTransitions(DigitalEduDbContext db, TimeProvider clock, AuditLog audit)
{
    public async Task<TransitionOutcome> ApplyAsync(
        long id, string[] from, string to, string actor, string? reason, UserScope scope, CancellationToken cancellationToken)
    {
        var item = await db.Mismatches.Scoped(scope).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return TransitionOutcome.NotFound;
        }

        if (!from.Contains(item.Status))
        {
            return TransitionOutcome.NotAllowed;
        }

        db.MismatchEvents.Add(new MismatchEvent
        {
            MismatchId = id,
            FromStatus = item.Status,
            ToStatus = to,
            Actor = actor,
            Reason = reason,
            At = clock.GetUtcNow(),
        });
        audit.Add(AuditActionOf(to), new AuditSubject(item.SchoolCode, id, $"{item.Status} -> {to}"), reason);
        item.Status = to;
        await db.SaveChangesAsync(cancellationToken);
        return TransitionOutcome.Changed;
    }

    private static string AuditActionOf(string to) => to switch
    {
        MismatchStatus.FixedPending => AuditAction.MarkFixed,
        MismatchStatus.Dismissed => AuditAction.Dismiss,
        _ => AuditAction.Reopen,
    };
}
