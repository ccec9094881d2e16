using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// An item as it leaves the service, API and pages alike. The masking policy lives here: personal IDs leave masked
/// (022******234), and so do the values of items whose values are IDs; only <see cref="RevealPersonalId"/> shows them whole.
/// </summary>
public sealed record MismatchView(
    string Id, string Kind, string? Detail, string? Side, string PersonKind, string SchoolCode, string? SmsKey, string? MoetCode,
    string? PersonalId, string? Field, string? SmsValue, string? NationalValue, string? ProvincialValue, string Status,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, string FixIn, string Guidance)
{
    public static MismatchView From(Mismatch m)
    {
        var idLike = CarriesIds(m);
        var smsValue = idLike ? PersonalIdNumber.Mask(m.SmsValue) : m.SmsValue;
        var nationalValue = idLike ? PersonalIdNumber.Mask(m.NationalValue) : m.NationalValue;

        // The guidance quotes the values, so it gets the masked ones: its text must not carry a full personal ID either.
        var guidance = MismatchGuidance.For(m.Kind, m.Detail, m.Field, smsValue, nationalValue, m.ProvincialValue, m.NationalVerified, m.Side);
        return new MismatchView(
            m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Kind, m.Detail, m.Side == "" ? null : m.Side, m.PersonKind,
            m.SchoolCode, m.SmsKey, m.MoetCode, PersonalIdNumber.Mask(m.PersonalId), m.Field, smsValue, nationalValue, m.ProvincialValue,
            m.Status, m.FirstSeenAt, m.LastSeenAt, m.ResolvedAt, guidance.Target.ToString().ToLowerInvariant(), guidance.Text);
    }

    /// <summary>Items whose compared values are personal IDs themselves.</summary>
    public static bool CarriesIds(Mismatch m) =>
        m.Field == Fields.PersonalId || m.Kind is MismatchKinds.IdInvalid or MismatchKinds.IdDuplicate or MismatchKinds.IdMissing;
}

public sealed record MismatchPage(MismatchView[] Items, string? NextCursor);

public sealed record MismatchEventView(string? FromStatus, string ToStatus, string Actor, string? Reason, Guid? RunId, DateTimeOffset At);

/// <summary>What every read of items starts from: the items of the caller's schools only.</summary>
internal static class ItemScope
{
    public static IQueryable<Mismatch> Scoped(this IQueryable<Mismatch> items, UserScope scope) =>
        scope.Schools is { } schools ? items.Where(m => schools.Contains(m.SchoolCode)) : items;
}
