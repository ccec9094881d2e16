using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>One item in the caller's scope. Outside it the item does not exist for them (404), so its existence is not disclosed.</summary>
public static class GetMismatch
{
    public sealed record Query(long Id, string? SchoolCode = null);

    public sealed class Handler(DigitalEduDbContext db, ItemViews views)
    {
        public async Task<Mismatch?> FindAsync(Query query, UserScope scope, CancellationToken cancellationToken)
        {
            var items = db.Mismatches.AsNoTracking().Scoped(scope).Where(m => m.Id == query.Id);
            if (query.SchoolCode is not null)
            {
                items = items.Where(m => m.SchoolCode == query.SchoolCode);
            }

            return await items.SingleOrDefaultAsync(cancellationToken);
        }

        public async Task<MismatchView?> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken) =>
            await FindAsync(query, scope, cancellationToken) is { } item ? await views.BuildAsync(item, cancellationToken) : null;
    }
}
