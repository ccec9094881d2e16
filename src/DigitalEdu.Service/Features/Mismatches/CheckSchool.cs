using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// "Kiểm tra lại": after fixing records in the SMS, a clerk has the school pulled from all three systems and reconciled at
/// once (a school run) instead of waiting for the night, then sees which items resolved and what is still open. One check per
/// school per minute, whoever asks; every check started is audited.
/// </summary>
public static class CheckSchool
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>How long the page waits for a check before it shows the run as still going (a school run takes about a second).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>What came of asking: the run started, or when the school may be checked again.</summary>
    public sealed record Started(Guid? RunId, DateTimeOffset NextAllowedAt)
    {
        public bool Refused => RunId is null;
    }

    /// <summary>
    /// A check as the clerk reads it: the run's state, the items it resolved, those it found again after they were marked fixed
    /// (or resolved before), those it found for the first time, and the school's open items now.
    /// </summary>
    public sealed record Outcome(
        Guid RunId, string Status, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? Error, IReadOnlyList<MismatchView> Resolved,
        IReadOnlyList<MismatchView> Reopened, IReadOnlyList<MismatchView> Found, int OpenNow)
    {
        public bool Finished => FinishedAt is not null;
    }

    public sealed class Handler(DigitalEduDbContext db, SyncRunStarter starter, ItemViews views, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Null when the school is outside the caller's scope or unknown.</summary>
        public async Task<Started?> StartAsync(string schoolCode, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            if (!UserScope.From(user).CanSee(schoolCode) || !await db.Schools.AnyAsync(s => s.Code == schoolCode, cancellationToken))
            {
                return null;
            }

            var (run, next) = await starter.StartSchoolRunAsync(schoolCode, user.Actor(), Interval, cancellationToken);
            if (run is not null)
            {
                await audit.WriteAsync(user, AuditAction.CheckSchool, schoolCode, null, $"run {run.Id}", cancellationToken);
            }

            return new Started(run?.Id, next);
        }

        /// <summary>Waits for the check to finish, up to <paramref name="timeout"/>; true when it did.</summary>
        public async Task<bool> WaitAsync(Guid runId, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = clock.GetUtcNow() + timeout;
            while (true)
            {
                var finished = await db.SyncRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.FinishedAt).SingleOrDefaultAsync(cancellationToken);
                if (finished is not null)
                {
                    return true;
                }

                if (clock.GetUtcNow() >= deadline)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }

        /// <summary>The check's outcome; null when the run is not a run of this school or the school is outside the caller's scope.</summary>
        public async Task<Outcome?> OutcomeAsync(string schoolCode, Guid runId, UserScope scope, CancellationToken cancellationToken)
        {
            if (!scope.CanSee(schoolCode))
            {
                return null;
            }

            var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.SchoolCode == schoolCode, cancellationToken);
            if (run is null)
            {
                return null;
            }

            var changed = await (from e in db.MismatchEvents.AsNoTracking()
                                 join m in db.Mismatches.AsNoTracking() on e.MismatchId equals m.Id
                                 where e.RunId == runId && m.SchoolCode == schoolCode
                                 orderby m.Kind, m.Id
                                 select new { Event = e, Item = m }).ToListAsync(cancellationToken);
            var shown = await views.BuildAsync(changed.Select(c => c.Item).DistinctBy(m => m.Id).ToList(), cancellationToken);
            var byId = shown.ToDictionary(v => v.Id);
            IReadOnlyList<MismatchView> Having(Func<Data.Entities.MismatchEvent, bool> which) =>
                changed.Where(c => which(c.Event)).Select(c => byId[c.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .DistinctBy(v => v.Id).ToList();

            var open = await db.Mismatches.CountAsync(m => m.SchoolCode == schoolCode && m.Status == MismatchStatus.Open, cancellationToken);
            return new Outcome(
                run.Id, run.Status, run.RequestedAt, run.FinishedAt, run.Error,
                Having(e => e.ToStatus == MismatchStatus.Resolved),
                Having(e => e.ToStatus == MismatchStatus.Open && e.FromStatus is not null),
                Having(e => e.ToStatus == MismatchStatus.Open && e.FromStatus is null),
                open);
        }
    }
}
