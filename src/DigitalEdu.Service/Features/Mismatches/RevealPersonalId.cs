using System.Security.Claims;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Shows an item's personal ID whole, to an operator or officer who asks for it: the one way past the masking, and every use
/// of it is written to the audit log.
/// </summary>
public static class RevealPersonalId
{
    /// <summary>The item's ID and, for an item whose values are IDs, those values, as stored.</summary>
    public sealed record Revealed(string PersonalId, string? SmsValue, string? NationalValue);

    public sealed class Handler(GetMismatch.Handler items, AuditLog audit)
    {
        /// <summary>Null when the item is outside the caller's scope; throws when the caller may not unmask (pages check first).</summary>
        public async Task<Revealed?> HandleAsync(long id, string? schoolCode, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            if (!user.MayUnmask())
            {
                throw new InvalidOperationException("Only operators and officers may see a personal ID whole.");
            }

            if (await items.FindAsync(new GetMismatch.Query(id, schoolCode), UserScope.From(user), cancellationToken) is not { } item)
            {
                return null;
            }

            await audit.WriteAsync(user, AuditAction.ShowPersonalId, item.SchoolCode, id, null, cancellationToken);
            var ids = MismatchView.CarriesIds(item);
            return new Revealed(item.PersonalId ?? "", ids ? item.SmsValue : null, ids ? item.NationalValue : null);
        }
    }
}
