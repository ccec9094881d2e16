using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Guidance;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Mismatches;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Apis;

public static class MismatchesApi
{
    public static RouteGroupBuilder MapMismatchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/mismatches").WithTags("Mismatches").RequireAuthorization(Policies.Read);
        group.MapGet("/", ListAsync).WithValidation<MismatchQuery>();
        group.MapGet("/summary", SummaryAsync).WithValidation<SummaryQuery>();
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/{id:long}/history", HistoryAsync);
        group.MapGet("/{id:long}/candidates", CandidatesAsync);
        group.MapPost("/{id:long}/fixed", MarkFixedAsync).WithValidation<MarkFixedRequest>();
        group.MapPost("/{id:long}/dismiss", DismissAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        group.MapPost("/{id:long}/reopen", ReopenAsync).RequireAuthorization(Policies.Oversee).WithValidation<StatusChangeRequest>();
        return group;
    }

    public static async Task<Results<Ok<MismatchPage>, ForbidHttpResult>> ListAsync(
        [AsParameters] MismatchQuery query, DigitalEduDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = UserScope.From(user);
        if (query.SchoolCode is not null && !scope.CanSee(query.SchoolCode))
        {
            return TypedResults.Forbid();
        }

        var items = Scoped(db.Mismatches.AsNoTracking(), scope);
        if (query.Kind is not null)
        {
            items = items.Where(m => m.Kind == query.Kind);
        }

        if (query.SchoolCode is not null)
        {
            items = items.Where(m => m.SchoolCode == query.SchoolCode);
        }

        if (query.Status is not null)
        {
            items = items.Where(m => m.Status == query.Status);
        }

        if (query.PersonKind is not null)
        {
            items = items.Where(m => m.PersonKind == query.PersonKind);
        }

        if (query.Cursor is not null)
        {
            var after = long.Parse(query.Cursor);
            items = items.Where(m => m.Id > after);
        }

        var limit = query.Limit ?? 100;
        var page = await items.OrderBy(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? page[limit - 1].Id.ToString() : null;
        return TypedResults.Ok(new MismatchPage(page.Take(limit).Select(MismatchView.From).ToArray(), next));
    }

    public static async Task<Results<Ok<MismatchView>, NotFound>> GetAsync(
        long id, DigitalEduDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var item = await Scoped(db.Mismatches.AsNoTracking(), UserScope.From(user)).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

        // Outside the user's scope an item does not exist for them: 404, so its existence is not disclosed.
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(MismatchView.From(item));
    }

    public static async Task<Results<Ok<MismatchEventView[]>, NotFound>> HistoryAsync(
        long id, MismatchLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var events = await lifecycle.HistoryAsync(id, UserScope.From(user).Schools, cancellationToken);
        return events is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(events.Select(e => new MismatchEventView(e.FromStatus, e.ToStatus, e.Actor, e.Reason, e.RunId, e.At)).ToArray());
    }

    /// <summary>For a record nobody matched: the likeliest counterparts on the other side, best first. Never merged automatically.</summary>
    public static async Task<Results<Ok<CandidateView[]>, NotFound>> CandidatesAsync(
        long id, DigitalEduDbContext db, CandidateFinder finder, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var item = await Scoped(db.Mismatches.AsNoTracking(), UserScope.From(user)).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var candidates = await finder.FindAsync(item, 5, cancellationToken);
        return TypedResults.Ok(candidates.Select(c => new CandidateView(
            c.Source, c.SourceKey, c.MoetCode, c.SchoolCode, c.FullName, c.DateOfBirth, c.Gender, PersonalIdNumber.Mask(c.PersonalId),
            c.Status, c.Score, c.Agreeing)).ToArray());
    }

    /// <summary>A school says it fixed the item; it stays <c>fixed_pending</c> until a run confirms (resolved) or finds it again (open).</summary>
    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> MarkFixedAsync(
        long id, MarkFixedRequest request, MismatchLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await lifecycle.MarkFixedAsync(id, Actor(user), request.Note, UserScope.From(user).Schools, cancellationToken), "Only an open item can be marked fixed.");

    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> DismissAsync(
        long id, StatusChangeRequest request, MismatchLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await lifecycle.DismissAsync(id, Actor(user), request.Reason!, cancellationToken), "Only an open or fixed item can be dismissed.");

    public static async Task<Results<NoContent, NotFound, Conflict<ProblemDetails>>> ReopenAsync(
        long id, StatusChangeRequest request, MismatchLifecycle lifecycle, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ToResult(await lifecycle.ReopenAsync(id, Actor(user), request.Reason!, cancellationToken), "Only a dismissed item can be reopened.");

    private static Results<NoContent, NotFound, Conflict<ProblemDetails>> ToResult(TransitionOutcome outcome, string conflict) => outcome switch
    {
        TransitionOutcome.Changed => TypedResults.NoContent(),
        TransitionOutcome.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = conflict }),
    };

    private static string Actor(ClaimsPrincipal user) => $"{user.FindFirstValue(ClaimTypes.Role)}:{user.Identity?.Name}";

    public static async Task<Ok<MismatchSummary>> SummaryAsync(
        [AsParameters] SummaryQuery query, DigitalEduDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var status = query.Status ?? MismatchStatus.Open;
        var rows = await (from m in Scoped(db.Mismatches.AsNoTracking(), UserScope.From(user))
                          where m.Status == status
                          join s in db.Schools on m.SchoolCode equals s.Code into schools
                          from s in schools.DefaultIfEmpty()
                          group m by new { m.SchoolCode, SchoolName = s.Name, s.Level, m.Kind } into g
                          select new { g.Key.SchoolCode, g.Key.SchoolName, g.Key.Level, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byKind = MismatchKinds.All.ToDictionary(k => k, k => rows.Where(r => r.Kind == k).Sum(r => r.Count));
        var bySchool = rows.GroupBy(r => (r.SchoolCode, r.SchoolName, r.Level))
            .Select(g => new SchoolSummary(g.Key.SchoolCode, g.Key.SchoolName, g.Key.Level, g.Sum(r => r.Count),
                g.ToDictionary(r => r.Kind, r => r.Count)))
            .OrderByDescending(s => s.Total).ThenBy(s => s.SchoolCode).ToArray();
        var byLevel = rows.GroupBy(r => r.Level ?? "")
            .Select(g => new LevelSummary(g.Key, g.Sum(r => r.Count),
                g.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Sum(r => r.Count))))
            .OrderBy(l => l.Level).ToArray();
        return TypedResults.Ok(new MismatchSummary(status, rows.Sum(r => r.Count), byKind, bySchool, byLevel));
    }

    private static IQueryable<Mismatch> Scoped(IQueryable<Mismatch> items, UserScope scope) =>
        scope.Schools is { } schools ? items.Where(m => schools.Contains(m.SchoolCode)) : items;
}

public sealed record MismatchQuery(string? Kind, string? SchoolCode, string? Status, string? PersonKind, string? Cursor, int? Limit);

public sealed class MismatchQueryValidator : AbstractValidator<MismatchQuery>
{
    public MismatchQueryValidator()
    {
        RuleFor(q => q.Kind).Must(k => k is null || MismatchKinds.All.Contains(k))
            .WithMessage($"kind must be one of {string.Join(", ", MismatchKinds.All)}.");
        RuleFor(q => q.Status).Must(MismatchStatus.IsKnownOrNull)
            .WithMessage($"status must be one of {string.Join(", ", MismatchStatus.All)}.");
        RuleFor(q => q.PersonKind).Must(k => k is null or "student" or "staff").WithMessage("personKind must be student or staff.");
        RuleFor(q => q.SchoolCode).Matches(@"^\d{8}$").When(q => q.SchoolCode is not null).WithMessage("schoolCode must be 8 digits.");
        RuleFor(q => q.Cursor).Must(c => c is null || long.TryParse(c, out var v) && v >= 0)
            .WithMessage("cursor must be a value returned as nextCursor.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null);
    }
}

public sealed record MarkFixedRequest(string? Note);

public sealed class MarkFixedRequestValidator : AbstractValidator<MarkFixedRequest>
{
    public MarkFixedRequestValidator() => RuleFor(r => r.Note).MaximumLength(1000).WithMessage("note must be at most 1000 characters.");
}

public sealed record StatusChangeRequest(string? Reason);

public sealed class StatusChangeRequestValidator : AbstractValidator<StatusChangeRequest>
{
    public StatusChangeRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("reason is required.").MaximumLength(1000).WithMessage("reason must be at most 1000 characters.");
}

public sealed record CandidateView(
    string Source, string SourceKey, string? MoetCode, string SchoolCode, string FullName, DateOnly DateOfBirth, string Gender,
    string? PersonalId, string Status, int Score, IReadOnlyList<string> Agreeing);

public sealed record MismatchEventView(string? FromStatus, string ToStatus, string Actor, string? Reason, Guid? RunId, DateTimeOffset At);

public sealed record SummaryQuery(string? Status);

public sealed class SummaryQueryValidator : AbstractValidator<SummaryQuery>
{
    public SummaryQueryValidator() =>
        RuleFor(q => q.Status).Must(MismatchStatus.IsKnownOrNull)
            .WithMessage($"status must be one of {string.Join(", ", MismatchStatus.All)}.");
}


public sealed record MismatchPage(MismatchView[] Items, string? NextCursor);

public sealed record MismatchView(
    string Id, string Kind, string? Detail, string? Side, string PersonKind, string SchoolCode, string? SmsKey, string? MoetCode,
    string? PersonalId, string? Field, string? SmsValue, string? NationalValue, string? ProvincialValue, string Status,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, string FixIn, string Guidance)
{
    /// <summary>Personal IDs leave the service masked (022******234); values that carry the ID itself are masked too.</summary>
    public static MismatchView From(Mismatch m)
    {
        var idLike = m.Field == "personalId" || m.Kind is MismatchKinds.IdInvalid or MismatchKinds.IdDuplicate or MismatchKinds.IdMissing;
        var smsValue = idLike ? PersonalIdNumber.Mask(m.SmsValue) : m.SmsValue;
        var nationalValue = idLike ? PersonalIdNumber.Mask(m.NationalValue) : m.NationalValue;

        // The guidance quotes the values, so it gets the masked ones: its text must not carry a full personal ID either.
        var guidance = MismatchGuidance.For(m.Kind, m.Detail, m.Field, smsValue, nationalValue, m.ProvincialValue, m.NationalVerified, m.Side);
        return new MismatchView(
            m.Id.ToString(), m.Kind, m.Detail, m.Side == "" ? null : m.Side, m.PersonKind, m.SchoolCode, m.SmsKey, m.MoetCode, PersonalIdNumber.Mask(m.PersonalId),
            m.Field, smsValue, nationalValue,
            m.ProvincialValue, m.Status, m.FirstSeenAt, m.LastSeenAt, m.ResolvedAt,
            guidance.Target.ToString().ToLowerInvariant(), guidance.Text);
    }
}

public sealed record MismatchSummary(
    string Status, int Total, IReadOnlyDictionary<string, int> ByKind, SchoolSummary[] BySchool, LevelSummary[] ByLevel);

public sealed record SchoolSummary(string SchoolCode, string? Name, string? Level, int Total, IReadOnlyDictionary<string, int> ByKind);

public sealed record LevelSummary(string Level, int Total, IReadOnlyDictionary<string, int> ByKind);
