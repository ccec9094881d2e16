using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Clients;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Connectors.Reading;

/// <summary>
/// Reads one page of one dataset: calls the upstream, maps every item, quarantines what cannot be read. Every item on
/// the wire ends up in exactly one of the result's lists.
/// </summary>
public sealed partial class UpstreamPageReader(
    ISmsApi sms,
    IProvincialApi provincial,
    INationalApi national,
    SmsRecordMapper smsMapper,
    ProvincialRecordMapper provincialMapper,
    NationalRecordMapper nationalMapper,
    ILogger<UpstreamPageReader> logger) : IUpstreamPageReader
{
    public async Task<PageResult> ReadPageAsync(Dataset dataset, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var since = request.UpdatedSince?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);
        var source = dataset.Source();
        var operation = request.SchoolCode is null ? $"{dataset} page of province {request.ProvinceCode}" : $"{dataset} page of school {request.SchoolCode}";
        var school = request.SchoolCode ?? (source == Source.Sms
            ? throw new ArgumentException("The SMS lists one school at a time; a school code is required.", nameof(request))
            : null);

        // Disposed once mapped: the records keep strings, nothing of the page's JSON.
        using var page = await UpstreamCall.RunAsync<UpstreamPage>(source, operation, dataset switch
        {
            Dataset.SmsStudents => ct => sms.GetStudentsAsync(school!, since, request.Cursor, request.Limit, ct),
            Dataset.SmsStaff => ct => sms.GetStaffAsync(school!, since, request.Cursor, request.Limit, ct),
            Dataset.SmsHealthExams => ct => sms.GetHealthExamsAsync(school!, since, request.Cursor, request.Limit, ct),
            Dataset.ProvincialLearners => ct => provincial.GetLearnersAsync(request.SchoolCode, since, request.Cursor, request.Limit, ct),
            Dataset.ProvincialStaff => ct => provincial.GetStaffAsync(request.SchoolCode, since, request.Cursor, request.Limit, ct),
            Dataset.NationalStudents => ct => national.GetStudentsAsync(request.ProvinceCode, request.SchoolCode, since, request.Cursor, request.Limit, ct),
            Dataset.NationalStaff => ct => national.GetStaffAsync(request.ProvinceCode, request.SchoolCode, since, request.Cursor, request.Limit, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
        }, cancellationToken).ConfigureAwait(false);

        if (page is null || page.Items is null)
        {
            throw UpstreamCall.NotAPage(source, operation, "no items array");
        }

        if (page.AsOf is not { } asOf)
        {
            throw UpstreamCall.NotAPage(source, operation, "no asOf");
        }

        var result = dataset == Dataset.SmsHealthExams
            ? MapExams(page.Items, school!, page.NextCursor, asOf)
            : MapPersons(page.Items, MapperFor(dataset, request.SchoolCode), page.NextCursor, asOf);

        if (result.Quarantined.Count > 0)
        {
            LogQuarantined(logger, result.Quarantined.Count, result.ReceivedCount, dataset, request.SchoolCode ?? "(province)");
        }

        return result;
    }

    /// <summary>The mapper of a person dataset, for a listing of <paramref name="school"/> (null: the whole province).</summary>
    private Func<JsonElement, MappedRecord<PersonRecord>> MapperFor(Dataset dataset, string? school) => dataset switch
    {
        Dataset.SmsStudents => element => smsMapper.MapStudent(element, school),
        Dataset.SmsStaff => element => smsMapper.MapStaff(element, school),
        Dataset.ProvincialLearners => element => provincialMapper.MapLearner(element, school),
        Dataset.ProvincialStaff => element => provincialMapper.MapStaff(element, school),
        Dataset.NationalStudents => element => nationalMapper.MapStudent(element, school),
        Dataset.NationalStaff => element => nationalMapper.MapStaff(element, school),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Not a person dataset."),
    };

    private static PageResult MapPersons(
        IReadOnlyList<JsonElement> items, Func<JsonElement, MappedRecord<PersonRecord>> map, string? nextCursor, DateTimeOffset asOf)
    {
        var persons = new List<PersonRecord>(items.Count);
        var quarantined = new List<QuarantinedRecord>();
        foreach (var item in items)
        {
            var mapped = MapIsolated(item, map);
            if (mapped.Record is { } record)
            {
                persons.Add(record);
            }
            else
            {
                quarantined.Add(mapped.Quarantined!);
            }
        }

        return new PageResult(persons, [], quarantined, nextCursor, asOf, items.Count);
    }

    private PageResult MapExams(IReadOnlyList<JsonElement> items, string schoolCode, string? nextCursor, DateTimeOffset asOf)
    {
        var exams = new List<HealthExamRecord>(items.Count);
        var quarantined = new List<QuarantinedRecord>();
        foreach (var item in items)
        {
            var mapped = MapIsolated(item, element => smsMapper.MapHealthExam(element, schoolCode));
            if (mapped.Record is { } record)
            {
                exams.Add(record);
            }
            else
            {
                quarantined.Add(mapped.Quarantined!);
            }
        }

        return new PageResult([], exams, quarantined, nextCursor, asOf, items.Count);
    }

    /// <summary>
    /// Maps one item so that nothing about it can fail the page: text that is not valid UTF-8 cannot be read as a string at all
    /// (the parser checks it only when a string is taken out), so such a record is quarantined with its bytes made readable.
    /// </summary>
    private static MappedRecord<T> MapIsolated<T>(JsonElement item, Func<JsonElement, MappedRecord<T>> map)
        where T : class
    {
        try
        {
            return map(item);
        }
        catch (InvalidOperationException ex)
        {
            var raw = Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(item));
            return MappedRecord<T>.Rejected(new QuarantinedRecord(raw, null, [$"record: not valid UTF-8 text ({ex.Message})"]));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined {QuarantinedCount} of {ReceivedCount} records of {Dataset} for school {SchoolCode}")]
    private static partial void LogQuarantined(ILogger logger, int quarantinedCount, int receivedCount, Dataset dataset, string schoolCode);
}
