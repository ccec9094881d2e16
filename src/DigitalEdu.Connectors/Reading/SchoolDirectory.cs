using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Clients;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Connectors.Reading;

/// <summary>
/// The schools of a province as the union of the SMS list and the national one: a school only one side knows is
/// exactly where records go missing, so it must be pulled. The SMS details win, being the schools' own.
/// </summary>
public sealed partial class SchoolDirectory(ISmsApi sms, INationalApi national, ILogger<SchoolDirectory> logger) : ISchoolDirectory
{
    public async Task<IReadOnlyList<SchoolRecord>> ListSchoolsAsync(string provinceCode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provinceCode);

        var smsTask = UpstreamCall.RunAsync(Source.Sms, "school list", sms.GetSchoolsAsync, cancellationToken);
        var nationalTask = UpstreamCall.RunAsync(
            Source.National, $"school list of province {provinceCode}", ct => national.GetSchoolsAsync(provinceCode, ct), cancellationToken);
        var smsList = await smsTask.ConfigureAwait(false);
        var nationalList = await nationalTask.ConfigureAwait(false);

        var schools = new Dictionary<string, SchoolRecord>(StringComparer.Ordinal);
        foreach (var item in smsList.Items ?? throw UpstreamCall.NotAPage(Source.Sms, "school list", "no items array"))
        {
            var mapped = SmsRecordMapper.MapSchool(item);
            if (mapped.Record is { } school)
            {
                // The SMS may serve more than one province; keep this one's schools.
                if (school.ProvinceCode == provinceCode)
                {
                    schools.TryAdd(school.Code, school);
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
                schools.TryAdd(school.Code, school);
            }
            else
            {
                LogSchoolSkipped(logger, Source.National, string.Join("; ", mapped.Quarantined!.Reasons));
            }
        }

        return [.. schools.Values.OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a {Upstream} school entry that cannot be read: {Reasons}")]
    private static partial void LogSchoolSkipped(ILogger logger, Source upstream, string reasons);
}
