using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Clients;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Connectors.Reading;

/// <summary>
/// The schools of a province as the union of the SMS list and the national one: a school only one side knows is
/// exactly where records go missing, so it must be pulled. The SMS details win, being the schools' own.
/// </summary>
public sealed partial class SchoolDirectory(ISmsApi sms, INationalApi national, ILogger<SchoolDirectory> logger) : ISchoolDirectory
{
    private const int ListAttempts = 3;

    public async Task<SchoolListing> ListSchoolsAsync(string provinceCode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provinceCode);

        var smsTask = WithAttemptsAsync(ct => UpstreamCall.RunAsync(Source.Sms, "school list", sms.GetSchoolsAsync, ct), cancellationToken);
        var nationalTask = WithAttemptsAsync(ct => UpstreamCall.RunAsync(
            Source.National, $"school list of province {provinceCode}", c => national.GetSchoolsAsync(provinceCode, c), ct), cancellationToken);
        var smsList = await smsTask.ConfigureAwait(false);
        var nationalList = await nationalTask.ConfigureAwait(false);

        var schools = new Dictionary<string, SchoolRecord>(StringComparer.Ordinal);
        var unknown = new List<UnknownCode>();
        foreach (var item in smsList.Items ?? throw UpstreamCall.NotAPage(Source.Sms, "school list", "no items array"))
        {
            var mapped = SmsRecordMapper.MapSchool(item);
            if (mapped.Record is { } school)
            {
                // The SMS may serve more than one province; keep this one's schools.
                if (school.ProvinceCode == provinceCode)
                {
                    schools.TryAdd(school.Code, school);
                    unknown.AddRange(UnknownCodesOf(Source.Sms, school, mapped));
                }
            }
            else
            {
                LogSchoolSkipped(logger, Source.Sms, string.Join("; ", mapped.Quarantined!.Reasons));
            }
        }

        foreach (var item in nationalList.Items ?? throw UpstreamCall.NotAPage(Source.National, "school list", "no items array"))
        {
            var mapped = NationalRecordMapper.MapSchool(item, provinceCode);
            if (mapped.Record is { } school)
            {
                // The SMS's details win where both list a school; the national list's own codes are its drift all the same.
                if (schools.TryGetValue(school.Code, out var listed))
                {
                    schools[school.Code] = listed with { CommuneName = listed.CommuneName ?? school.CommuneName };
                }
                else
                {
                    schools.Add(school.Code, school);
                }

                unknown.AddRange(UnknownCodesOf(Source.National, school, mapped));
            }
            else
            {
                LogSchoolSkipped(logger, Source.National, string.Join("; ", mapped.Quarantined!.Reasons));
            }
        }

        return new SchoolListing([.. schools.Values.OrderBy(s => s.Code, StringComparer.Ordinal)], unknown);
    }

    private static IEnumerable<UnknownCode> UnknownCodesOf(Source source, SchoolRecord school, MappedRecord<SchoolRecord> mapped) =>
        mapped.UnknownCodes?.Select(c => new UnknownCode(source, c.Key, c.Value, school.Code)) ?? [];

    /// <summary>
    /// The school list is one call whose failure fails the whole run, so it gets a few more tries after the HTTP pipeline's
    /// own, as a page does in its pull job.
    /// </summary>
    private async Task<T> WithAttemptsAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (UpstreamException ex) when (attempt < ListAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogListFailed(logger, ex.Upstream, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the {Upstream} schools failed (attempt {Attempt}): {Reason}")]
    private static partial void LogListFailed(ILogger logger, Source upstream, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a {Upstream} school entry that cannot be read: {Reasons}")]
    private static partial void LogSchoolSkipped(ILogger logger, Source upstream, string reasons);
}
