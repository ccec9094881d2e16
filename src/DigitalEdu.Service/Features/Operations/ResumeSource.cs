using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Web;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Features.Operations;

/// <summary>Resuming a paused source: the next run pulls it again, and its reconcile decides on its items again. Audited.</summary>
public static class ResumeSource
{
    public sealed class Handler(DigitalEduDbContext db, AuditLog audit)
    {
        /// <summary>Resumes the source; false when it was not paused.</summary>
        public async Task<bool> HandleAsync(string source, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.SourcePauses.Where(p => p.Source == source).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return false;
            }

            await audit.WriteAsync(AuditAction.ResumeSource, new AuditSubject(Detail: $"source={source}"), cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
    }
}
