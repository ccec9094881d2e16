using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Items as the API and pages show them, with what they need beside the item: the person it is about, the names of the schools
/// its values name, and for an open item marked fixed before, when it was marked and found again. A few queries per page of
/// items, each by key.
/// </summary>
public sealed class ItemViews(DigitalEduDbContext db, ItemPersons persons)
{
    public async Task<IReadOnlyList<MismatchView>> BuildAsync(IReadOnlyList<Mismatch> items, CancellationToken cancellationToken)
    {
        var people = await persons.ForAsync(items, cancellationToken);
        var reopened = await ReopenedAsync(items, cancellationToken);
        var names = await SchoolNamesAsync(items, cancellationToken);
        return items.Select(m => MismatchView.From(m, people.GetValueOrDefault(m.Id), code => names.GetValueOrDefault(code), reopened.GetValueOrDefault(m.Id)))
            .ToList();
    }

    public async Task<MismatchView> BuildAsync(Mismatch item, CancellationToken cancellationToken) => (await BuildAsync([item], cancellationToken))[0];

    /// <summary>The open items among these that a run found again after they were marked fixed, with the marking and the finding.</summary>
    private async Task<Dictionary<long, ReopenView>> ReopenedAsync(IReadOnlyList<Mismatch> items, CancellationToken cancellationToken)
    {
        var open = items.Where(m => m.Status == MismatchStatus.Open).Select(m => m.Id).ToArray();
        if (open.Length == 0)
        {
            return [];
        }

        var events = await db.MismatchEvents.AsNoTracking()
            .Where(e => open.Contains(e.MismatchId)
                        && (e.ToStatus == MismatchStatus.FixedPending || (e.FromStatus == MismatchStatus.FixedPending && e.ToStatus == MismatchStatus.Open)))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var result = new Dictionary<long, ReopenView>();
        foreach (var history in events.GroupBy(e => e.MismatchId))
        {
            var list = history.ToList();
            var reopen = list.LastOrDefault(e => e.ToStatus == MismatchStatus.Open);
            var marked = reopen is null ? null : list.LastOrDefault(e => e.ToStatus == MismatchStatus.FixedPending && e.At <= reopen.At);
            if (reopen is not null && marked is not null)
            {
                result[history.Key] = new ReopenView(marked.At, marked.Actor, marked.Reason, reopen.At);
            }
        }

        return result;
    }

    /// <summary>The names of the schools the items' school-code values name (a pupil's school differing between two systems).</summary>
    private Task<Dictionary<string, string>> SchoolNamesAsync(IReadOnlyList<Mismatch> items, CancellationToken cancellationToken) =>
        SchoolNamesAsync(items.Where(m => m.Field == Fields.SchoolCode).SelectMany(m => new[] { m.SmsValue, m.NationalValue, m.ProvincialValue }),
            cancellationToken);

    /// <summary>The same for items as shown, for a page that writes their values (<see cref="Vocabulary.Labels.ItemValue"/>).</summary>
    public Task<Dictionary<string, string>> SchoolNamesAsync(IEnumerable<MismatchView> items, CancellationToken cancellationToken) =>
        SchoolNamesAsync(items.Where(m => m.Field == Fields.SchoolCode).SelectMany(m => new[] { m.SmsValue, m.NationalValue, m.ProvincialValue }),
            cancellationToken);

    private async Task<Dictionary<string, string>> SchoolNamesAsync(IEnumerable<string?> values, CancellationToken cancellationToken)
    {
        var codes = values.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        return codes.Length == 0
            ? []
            : await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, cancellationToken);
    }
}
