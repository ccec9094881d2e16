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

    /// <summary>Only the operator can act on the item (<see cref="MismatchKinds.IsOperatorOnly"/>); the caller may only read it.</summary>
    ReadOnly,
}

/// <summary>
/// The changes people make to an item (<see cref="MarkFixed"/>, <see cref="Dismiss"/>, <see cref="Reopen"/>); runs make the
/// others (found, found again, resolved). Each is an event with who, when and why, and an audit entry saved with it. Outside the
/// caller's scope an item is not found.
/// </summary>
public sealed class ItemTransitions(DigitalEduDbContext db, TimeProvider clock, AuditLog audit)
{
    public async Task<TransitionOutcome> ApplyAsync(
        long id, string[] from, string to, string actor, string? reason, UserScope scope, CancellationToken cancellationToken) =>
        (await ApplyManyAsync([id], from, to, actor, reason, scope, readOnly: null, cancellationToken))[id];

    /// <summary>
    /// The same change to several items, in one transaction: each that is in scope, in one of the <paramref name="from"/> states
    /// and not read-only for the caller changes, with its event; the outcome of each id says what became of it.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, TransitionOutcome>> ApplyManyAsync(
        IReadOnlyCollection<long> ids, string[] from, string to, string actor, string? reason, UserScope scope, Func<Mismatch, bool>? readOnly,
        CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToArray();
        var items = await db.Mismatches.Scoped(scope).Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var outcomes = new Dictionary<long, TransitionOutcome>(wanted.Length);
        var now = clock.GetUtcNow();
        foreach (var id in wanted)
        {
            if (!items.TryGetValue(id, out var item))
            {
                outcomes[id] = TransitionOutcome.NotFound;
            }
            else if (readOnly?.Invoke(item) == true)
            {
                outcomes[id] = TransitionOutcome.ReadOnly;
            }
            else if (!from.Contains(item.Status))
            {
                outcomes[id] = TransitionOutcome.NotAllowed;
            }
            else
            {
                db.MismatchEvents.Add(new MismatchEvent
                {
                    MismatchId = id,
                    FromStatus = item.Status,
                    ToStatus = to,
                    Actor = actor,
                    Reason = reason,
                    At = now,
                });
                audit.Add(AuditActionOf(to), new AuditSubject(item.SchoolCode, id, $"{item.Status} -> {to}"), reason);
                CountOpen(item, item.Status, to);
                item.Status = to;
                outcomes[id] = TransitionOutcome.Changed;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>The kept open count of the item's school and kind follows the change, in the same transaction.</summary>
    private void CountOpen(Mismatch item, string from, string to)
    {
        var change = (to == MismatchStatus.Open ? 1 : 0) - (from == MismatchStatus.Open ? 1 : 0);
        if (change != 0)
        {
            db.OpenItemCounts.Add(new OpenItemCount { SchoolCode = item.SchoolCode, Kind = item.Kind, Count = change });
        }
    }

    private static string AuditActionOf(string to) => to switch
    {
        MismatchStatus.FixedPending => AuditAction.MarkFixed,
        MismatchStatus.Dismissed => AuditAction.Dismiss,
        _ => AuditAction.Reopen,
    };
}
