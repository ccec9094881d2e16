using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Sync.Mismatches;

public enum TransitionOutcome
{
    Changed,
    NotFound,
    NotAllowed,
}

/// <summary>
/// The changes people make to an item: a school marks it fixed (it stays until a run confirms), an officer dismisses it with
/// a reason or opens it again. Runs make the other changes (found, found again, resolved). Every change is an event with who, when and why.
/// </summary>
public sealed class MismatchLifecycle(DigitalEduDbContext db, TimeProvider clock)
{
    /// <summary>open → fixed_pending. <paramref name="visibleSchools"/> null means province-wide.</summary>
    public Task<TransitionOutcome> MarkFixedAsync(long id, string actor, string? note, IReadOnlySet<string>? visibleSchools, CancellationToken cancellationToken) =>
        TransitionAsync(id, [MismatchStatus.Open], MismatchStatus.FixedPending, actor, note, visibleSchools, cancellationToken);

    /// <summary>open or fixed_pending → dismissed; a reason is required (the validator of the request enforces it).</summary>
    public Task<TransitionOutcome> DismissAsync(long id, string actor, string reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, [MismatchStatus.Open, MismatchStatus.FixedPending], MismatchStatus.Dismissed, actor, reason, null, cancellationToken);

    /// <summary>dismissed → open: an officer takes a dismissal back.</summary>
    public Task<TransitionOutcome> ReopenAsync(long id, string actor, string reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, [MismatchStatus.Dismissed], MismatchStatus.Open, actor, reason, null, cancellationToken);

    public async Task<IReadOnlyList<MismatchEvent>?> HistoryAsync(long id, IReadOnlySet<string>? visibleSchools, CancellationToken cancellationToken)
    {
        var item = await db.Mismatches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null || (visibleSchools is not null && !visibleSchools.Contains(item.SchoolCode)))
        {
            return null;
        }

        return await db.MismatchEvents.AsNoTracking().Where(e => e.MismatchId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
    }

    private async Task<TransitionOutcome> TransitionAsync(
        long id, string[] from, string to, string actor, string? reason, IReadOnlySet<string>? visibleSchools, CancellationToken cancellationToken)
    {
        var item = await db.Mismatches.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null || (visibleSchools is not null && !visibleSchools.Contains(item.SchoolCode)))
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
