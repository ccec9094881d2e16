using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>Every change of an item's state, oldest first, with who, when and why; null outside the caller's scope.</summary>
public static class MismatchHistory
{
    public sealed record Query(long Id);

    public sealed class Handler(DigitalEduDbContext db)
    {
        public async Task<IReadOnlyList<MismatchEvent>?> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            if (!await db.Mismatches.AsNoTracking().Scoped(scope).AnyAsync(m => m.Id == query.Id, cancellationToken))
            {
                return null;
            }

            return await db.MismatchEvents.AsNoTracking().Where(e => e.MismatchId == query.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
                .ToListAsync(cancellationToken);
        }
    }
}
