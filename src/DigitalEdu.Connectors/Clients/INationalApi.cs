using Refit;

namespace DigitalEdu.Connectors.Clients;

/// <summary>The national MOET education database, addressed by province.</summary>
public interface INationalApi
{
    [Get("/api/v1/provinces/{provinceCode}/schools")]
    Task<UpstreamList> GetSchoolsAsync(string provinceCode, CancellationToken cancellationToken);

    [Get("/api/v1/provinces/{provinceCode}/students")]
    Task<UpstreamPage> GetStudentsAsync(string provinceCode, string? schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/provinces/{provinceCode}/staff")]
    Task<UpstreamPage> GetStaffAsync(string provinceCode, string? schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);
}
