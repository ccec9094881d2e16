using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Operations;

/// <summary>Pause or resume one source (sms, provincial, national).</summary>
public sealed record SourcePauseRequest(string? Source);

public sealed class SourcePauseRequestValidator : AbstractValidator<SourcePauseRequest>
{
    public SourcePauseRequestValidator() =>
        RuleFor(r => r.Source).NotEmpty().Must(s => s is null || WireNames.Sources.Contains(s))
            .WithMessage($"source must be one of {string.Join(", ", WireNames.Sources)}.");
}

/// <summary>A source and whether it is paused, since when and by whom.</summary>
public sealed record SourceState(string Source, bool Paused, DateTimeOffset? PausedAt, string? PausedBy);

/// <summary>
/// Pausing a source: runs planned while it is paused do not pull it, and their reconciles neither resolve nor reopen the items
/// that need its records (<c>MismatchKinds.ComparedSources</c>). A run already going keeps what it was planned with. Audited.
/// </summary>
public static class PauseSource
{
    public sealed class Handler(DigitalEduDbContext db, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Pauses the source; false when it was paused already.</summary>
        public async Task<bool> HandleAsync(string source, string pausedBy, CancellationToken cancellationToken)
        {
            if (await db.SourcePauses.AnyAsync(p => p.Source == source, cancellationToken))
            {
                return false;
            }

            db.SourcePauses.Add(new SourcePause { Source = source, PausedAt = clock.GetUtcNow(), PausedBy = pausedBy });
            audit.Add(AuditAction.PauseSource, new AuditSubject(Detail: $"source={source}"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Paused by someone else at the same moment: the key says so.
                return false;
            }

            return true;
        }
    }

    /// <summary>Each of the three sources with its pause, if any.</summary>
    public static async Task<IReadOnlyList<SourceState>> StatesAsync(DigitalEduDbContext db, CancellationToken cancellationToken)
    {
        var pauses = await db.SourcePauses.AsNoTracking().ToDictionaryAsync(p => p.Source, cancellationToken);
        return WireNames.Sources
            .Select(s => pauses.TryGetValue(s, out var p) ? new SourceState(s, true, p.PausedAt, p.PausedBy) : new SourceState(s, false, null, null))
            .ToList();
    }
}
