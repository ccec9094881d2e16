using System.Security.Claims;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using FluentValidation;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>A school says it fixed an item: it stays <c>fixed_pending</c> until a run confirms (resolved) or finds it again (open).</summary>
public static class MarkFixed
{
    /// <summary>The request body of <c>POST /api/v1/mismatches/{id}/fixed</c> and of the item page's form.</summary>
    public sealed record Command(string? Note);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(r => r.Note).MaximumLength(1000).WithMessage("note must be at most 1000 characters.").AllowedText("note");
    }

    /// <summary>Only a school user marks an item fixed (officers dismiss instead); anyone else is <see cref="TransitionOutcome.Forbidden"/>.</summary>
    public sealed class Handler(ItemTransitions transitions)
    {
        public Task<TransitionOutcome> HandleAsync(long id, Command command, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            !user.IsInRole(Roles.School)
                ? Task.FromResult(TransitionOutcome.Forbidden)
                : transitions.ApplyAsync(id, [MismatchStatus.Open], MismatchStatus.FixedPending, user.Actor(),
                    string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), UserScope.From(user), cancellationToken);
    }
}
