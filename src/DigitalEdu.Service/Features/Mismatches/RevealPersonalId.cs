using System.Security.Claims;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using FluentValidation;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// Shows an item's personal ID whole, to an operator or officer who asks for it and says why: the one way past the masking,
/// and every use of it is written to the audit log with the purpose given.
/// </summary>
public static class RevealPersonalId
{
    /// <summary>The request of <c>POST /api/v1/mismatches/{id}/personal-id</c> and of the item page's "Hiện" form.</summary>
    public sealed record Command(string? Purpose);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Purpose).NotEmpty().WithMessage("purpose is required: say why the full personal ID is needed.")
                .MaximumLength(500).WithMessage("purpose must be at most 500 characters.").AllowedText("purpose");
    }

    /// <summary>The item's ID and, for an item whose values are IDs, those values, as stored.</summary>
    public sealed record Revealed(string PersonalId, string? SmsValue, string? NationalValue);

    public sealed class Handler(GetMismatch.Handler items, AuditLog audit)
    {
        /// <summary>
        /// Null when the item is outside the caller's scope; throws when the caller may not unmask or gave no purpose (the
        /// endpoint and the page check both first).
        /// </summary>
        public async Task<Revealed?> HandleAsync(long id, string? schoolCode, Command command, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            if (!user.MayUnmask())
            {
                throw new InvalidOperationException("Only operators and officers may see a personal ID whole.");
            }

            if (string.IsNullOrWhiteSpace(command.Purpose))
            {
                throw new InvalidOperationException("An unmasking needs a purpose.");
            }

            if (await items.FindAsync(new GetMismatch.Query(id, schoolCode), UserScope.From(user), cancellationToken) is not { } item)
            {
                return null;
            }

            await audit.WriteAsync(AuditAction.ShowPersonalId, new AuditSubject(item.SchoolCode, id), command.Purpose.Trim(), cancellationToken);
            var ids = MismatchView.CarriesIds(item);
            return new Revealed(item.PersonalId ?? "", ids ? item.SmsValue : null, ids ? item.NationalValue : null);
        }
    }
}
