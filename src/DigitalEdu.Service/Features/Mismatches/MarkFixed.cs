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

    /// <summary>Several items at once (the list's check boxes, the returned spreadsheet), with one note.</summary>
    public sealed record ManyCommand(long[]? Ids, string? Note);

    public const int MaxItemsAtOnce = 1000;

    public sealed class ManyValidator : AbstractValidator<ManyCommand>
    {
        public ManyValidator()
        {
            RuleFor(r => r.Ids).NotEmpty().WithMessage("ids must list at least one item.")
                .Must(ids => ids is null || ids.Length <= MaxItemsAtOnce).WithMessage($"ids may list at most {MaxItemsAtOnce} items.");
            RuleFor(r => r.Note).MaximumLength(1000).WithMessage("note must be at most 1000 characters.").AllowedText("note");
        }
    }

    /// <summary>Only a school user marks an item fixed (officers dismiss instead); anyone else is <see cref="TransitionOutcome.Forbidden"/>.</summary>
    public sealed class Handler(ItemTransitions transitions)
    {
        public async Task<TransitionOutcome> HandleAsync(long id, Command command, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            (await HandleManyAsync([id], command.Note, user, cancellationToken))[id];

        /// <summary>
        /// Marks each open item fixed; for a school user not the items only the operator can act on. The outcome of each id says
        /// what became of it, so a list or a spreadsheet can name the ones left as they were.
        /// </summary>
        public Task<IReadOnlyDictionary<long, TransitionOutcome>> HandleManyAsync(
            IReadOnlyCollection<long> ids, string? note, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.School))
            {
                return Task.FromResult<IReadOnlyDictionary<long, TransitionOutcome>>(ids.Distinct().ToDictionary(id => id, _ => TransitionOutcome.Forbidden));
            }

            return transitions.ApplyManyAsync(ids, [MismatchStatus.Open], MismatchStatus.FixedPending, user.Actor(),
                string.IsNullOrWhiteSpace(note) ? null : note.Trim(), UserScope.From(user),
                readOnly: item => MismatchKinds.IsOperatorOnly(item.Kind, item.Side), cancellationToken);
        }
    }
}
