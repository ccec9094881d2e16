using System.Security.Claims;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using FluentValidation;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>The reason an officer gives to dismiss an item or open it again.</summary>
public sealed record StatusChangeRequest(string? Reason);

public sealed class StatusChangeRequestValidator : AbstractValidator<StatusChangeRequest>
{
    public StatusChangeRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("reason is required.").MaximumLength(1000).WithMessage("reason must be at most 1000 characters.")
            .AllowedText("reason");
}

/// <summary>An officer dismisses an open or fixed item, with a reason: it stays dismissed whatever later runs find.</summary>
public static class Dismiss
{
    public sealed class Handler(ItemTransitions transitions)
    {
        public Task<TransitionOutcome> HandleAsync(long id, StatusChangeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            transitions.ApplyAsync(id, [MismatchStatus.Open, MismatchStatus.FixedPending], MismatchStatus.Dismissed, user.Actor(), request.Reason!,
                UserScope.From(user), cancellationToken);

        /// <summary>Several items at once, in one transaction, each with its event and audit entry (the officer's follow-up list).</summary>
        public Task<IReadOnlyDictionary<long, TransitionOutcome>> HandleManyAsync(
            IReadOnlyCollection<long> ids, StatusChangeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            transitions.ApplyManyAsync(ids, [MismatchStatus.Open, MismatchStatus.FixedPending], MismatchStatus.Dismissed, user.Actor(), request.Reason!,
                UserScope.From(user), readOnly: null, cancellationToken);
    }
}

/// <summary>An officer takes a dismissal back, with a reason: the item is open again.</summary>
public static class Reopen
{
    public sealed class Handler(ItemTransitions transitions)
    {
        public Task<TransitionOutcome> HandleAsync(long id, StatusChangeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            transitions.ApplyAsync(id, [MismatchStatus.Dismissed], MismatchStatus.Open, user.Actor(), request.Reason!, UserScope.From(user), cancellationToken);

        /// <summary>Several items at once, in one transaction, each with its event and audit entry (the officer's follow-up list).</summary>
        public Task<IReadOnlyDictionary<long, TransitionOutcome>> HandleManyAsync(
            IReadOnlyCollection<long> ids, StatusChangeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            transitions.ApplyManyAsync(ids, [MismatchStatus.Dismissed], MismatchStatus.Open, user.Actor(), request.Reason!, UserScope.From(user),
                readOnly: null, cancellationToken);
    }
}
