using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// An item as it leaves the service, API and pages alike. The masking policy lives here: personal IDs leave masked
/// (022******234), and so do the values of items whose values are IDs; only <see cref="RevealPersonalId"/> shows them whole.
/// The person is there for whoever may see the item (its school is in their scope); the guidance names them.
/// </summary>
public sealed record MismatchView(
    string Id, string Kind, string? Detail, string? Side, string PersonKind, string SchoolCode, string? SmsKey, string? MoetCode,
    string? PersonalId, string? Field, string? SmsValue, string? NationalValue, string? ProvincialValue, string Status,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, string FixIn, string Guidance,
    PersonView? Person = null, bool OperatorOnly = false, ReopenView? Reopened = null)
{
    public static MismatchView From(Mismatch m) => From(m, null);

    public static MismatchView From(Mismatch m, ItemPerson? person, Func<string, string?>? schoolName = null, ReopenView? reopened = null)
    {
        var idLike = CarriesIds(m);
        var smsValue = idLike ? PersonalIdNumber.Mask(m.SmsValue) : m.SmsValue;
        var nationalValue = idLike ? PersonalIdNumber.Mask(m.NationalValue) : m.NationalValue;
        var guidance = MismatchGuidance.For(Facts(m, person, schoolName));
        return new MismatchView(
            m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Kind, m.Detail, m.Side == "" ? null : m.Side, m.PersonKind,
            m.SchoolCode, m.SmsKey, m.MoetCode, PersonalIdNumber.Mask(m.PersonalId), m.Field, smsValue, nationalValue, m.ProvincialValue,
            m.Status, m.FirstSeenAt, m.LastSeenAt, m.ResolvedAt, guidance.Target.ToString().ToLowerInvariant(), guidance.Text,
            person is null ? null : new PersonView(person.FullName, person.DateOfBirth, person.Gender, person.Grade, person.ClassName, person.Position),
            MismatchKinds.IsOperatorOnly(m.Kind, m.Side), reopened);
    }

    /// <summary>
    /// What the guidance is written from: the stored values, unmasked. The guidance quotes an ID only masked, with at most the
    /// digits its defect is about (<see cref="MismatchGuidance"/>).
    /// </summary>
    public static GuidanceFacts Facts(Mismatch m, ItemPerson? person, Func<string, string?>? schoolName = null) =>
        new(m.Kind, m.Detail, m.Field, m.Side == "" ? null : m.Side, m.PersonKind, m.SmsValue, m.NationalValue, m.ProvincialValue,
            m.NationalVerified, m.PersonalId, m.SmsKey, m.MoetCode, person, schoolName);

    /// <summary>Items whose compared values are personal IDs themselves.</summary>
    public static bool CarriesIds(Mismatch m) =>
        m.Field == Fields.PersonalId || m.Kind is MismatchKinds.IdInvalid or MismatchKinds.IdDuplicate or MismatchKinds.IdMissing;
}

/// <summary>Who an item is about: name, date of birth, gender, and class and grade for a pupil or position for staff.</summary>
public sealed record PersonView(string? FullName, DateOnly? DateOfBirth, string? Gender, int? Grade, string? ClassName, string? Position);

/// <summary>An open item a run found again after it was marked fixed: when and by whom it was marked, when it was found again.</summary>
public sealed record ReopenView(DateTimeOffset MarkedFixedAt, string MarkedBy, string? Note, DateTimeOffset ReopenedAt);

public sealed record MismatchPage(MismatchView[] Items, string? NextCursor);

public sealed record MismatchEventView(string? FromStatus, string ToStatus, string Actor, string? Reason, Guid? RunId, DateTimeOffset At);

/// <summary>What every read of items starts from: the items of the caller's schools only.</summary>
internal static class ItemScope
{
    public static IQueryable<Mismatch> Scoped(this IQueryable<Mismatch> items, UserScope scope) =>
        scope.Schools is { } schools ? items.Where(m => schools.Contains(m.SchoolCode)) : items;

    /// <summary>Open items per school and kind in the caller's scope, from the kept counts (<see cref="OpenItemCount"/>).</summary>
    public static IQueryable<ItemTally> OpenTallies(this DigitalEduDbContext db, UserScope scope)
    {
        var counts = db.OpenItemCounts.AsNoTracking();
        if (scope.Schools is { } schools)
        {
            counts = counts.Where(c => schools.Contains(c.SchoolCode));
        }

        return counts.GroupBy(c => new { c.SchoolCode, c.Kind })
            .Where(g => g.Sum(c => c.Count) != 0)
            .Select(g => new ItemTally(g.Key.SchoolCode, g.Key.Kind, g.Sum(c => c.Count)));
    }
}

/// <summary>How many items of one school and kind (in one status).</summary>
internal sealed record ItemTally(string SchoolCode, string Kind, int Count);
