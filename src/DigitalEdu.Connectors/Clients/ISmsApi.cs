using Refit;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// The school-management system. <c>updatedSince</c> is passed as an ISO-8601 string because Refit would otherwise
/// format a <see cref="DateTimeOffset"/> with the current culture.
/// </summary>
public interface ISmsApi
{
    [Get("/api/v1/schools")]
    Task<UpstreamList> GetSchoolsAsync(CancellationToken cancellationToken);

    [Get("/api/v1/schools/{schoolCode}/students")]
    Task<UpstreamPage> GetStudentsAsync(string schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/schools/{schoolCode}/staff")]
    Task<UpstreamPage> GetStaffAsync(string schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/schools/{schoolCode}/health-exams")]
    Task<UpstreamPage> GetHealthExamsAsync(string schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);
}
