using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;

namespace DigitalEdu.Service.Features.Audit;

/// <summary>The audit entries a search selects, as a CSV file for an officer; the export itself is audited.</summary>
public static class ExportAudit
{
    /// <summary>Enough for a year of a province's sign-ins and exports; narrow the search for more.</summary>
    public const int MaxRows = 100_000;

    public sealed class Handler(SearchAudit.Handler search, AuditLog audit)
    {
        public async Task<IReadOnlyList<string?[]>> HandleAsync(SearchAudit.Query query, CancellationToken cancellationToken)
        {
            var entries = await search.AllAsync(query, MaxRows, cancellationToken);
            await audit.WriteAsync(AuditAction.ExportAudit, new AuditSubject(query.SchoolCode, Detail: $"{entries.Count} rows"), cancellationToken: cancellationToken);
            return entries.Select(a => new[]
            {
                Labels.Time(a.At), a.Actor, Labels.Role(a.Role), a.TokenId?.ToString(System.Globalization.CultureInfo.InvariantCulture), a.ClientAddress,
                a.UserAgent, Labels.Audit(a.Action), a.SchoolCode, a.MismatchId?.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Reason, a.Detail,
            }).ToList();
        }
    }
}
