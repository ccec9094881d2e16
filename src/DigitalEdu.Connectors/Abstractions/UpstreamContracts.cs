using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Connectors.Abstractions;

/// <summary>A request for one page. <paramref name="Limit"/> is 1..1000.</summary>
/// <summary>One page to read. <paramref name="SchoolCode"/> null asks for the whole province (provincial and national listings only).</summary>
public sealed record PageRequest(string ProvinceCode, string? SchoolCode, string? Cursor, DateTimeOffset? UpdatedSince, int Limit);

/// <summary>
/// One page read and mapped into the canonical model. <see cref="ReceivedCount"/> counts the items on the wire;
/// every one of them is either in <see cref="Persons"/>/<see cref="HealthExams"/> or in <see cref="Quarantined"/>. An
/// attributable quarantined person brings its placeholder (<see cref="QuarantinedRecord.Placeholder"/>), stored beside the persons.
/// </summary>
public sealed record PageResult(
    IReadOnlyList<PersonRecord> Persons,
    IReadOnlyList<HealthExamRecord> HealthExams,
    IReadOnlyList<QuarantinedRecord> Quarantined,
    string? NextCursor,
    DateTimeOffset AsOf,
    int ReceivedCount)
{
    /// <summary>How many quarantined records stand among the stored persons as placeholders.</summary>
    public int Placeholders => Quarantined.Count(q => q.Placeholder is not null);
}

/// <summary>Reads one page of any dataset, mapped and validated.</summary>
public interface IUpstreamPageReader
{
    Task<PageResult> ReadPageAsync(Dataset dataset, PageRequest request, CancellationToken cancellationToken);
}

/// <summary>The schools of a province: the SMS list joined with the national one (a school known to either is pulled).</summary>
public interface ISchoolDirectory
{
    Task<SchoolListing> ListSchoolsAsync(string provinceCode, CancellationToken cancellationToken);
}

/// <summary>The schools listed, and the codes the listings held that DigitalEdu's lists lack (a school level, say).</summary>
public sealed record SchoolListing(IReadOnlyList<SchoolRecord> Schools, IReadOnlyList<UnknownCode> UnknownCodes);

/// <summary>A code a source sent in a field that DigitalEdu's list lacks, with the key of one record holding it (never a person's data).</summary>
public sealed record UnknownCode(Source Source, string Field, string Code, string ExampleKey);

/// <summary>
/// An upstream call that failed after the resilience pipeline gave up, or answered something that is not a page.
/// <see cref="Body"/> is what the upstream answered (shortened), when it answered; with the circuit open it is the last answer
/// that upstream gave, so an operator reads what the upstream said rather than what the client decided.
/// </summary>
public sealed class UpstreamException(Source source, int? statusCode, string message, Exception? inner = null, string? body = null)
    : Exception(message, inner)
{
    public Source Upstream { get; } = source;
    public int? StatusCode { get; } = statusCode;
    public string? Body { get; } = body;
}
