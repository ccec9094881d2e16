using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

public enum TransitionOutcome
{
    Changed,
    NotFound,
    NotAllowed,
}

/// <summary>
/// The changes people make to an item (<see cref="MarkFixed"/>, <see cref="Dismiss"/>, <see cref="Reopen"/>); runs make the
/// others (found, found again, resolved). Each is an event with who, when and why. Outside the caller's scope an item is not found.
/// </summary>
public sealed class ItemTransitions(DigitalEduDbContext db, TimeProvider clock)
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
        item.Status = to;
        await db.SaveChangesAsync(cancellationToken);
        return TransitionOutcome.Changed;
    }
}
