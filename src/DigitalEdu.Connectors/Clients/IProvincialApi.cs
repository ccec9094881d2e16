using Refit;

namespace DigitalEdu.Connectors.Clients;

/// <summary>The provincial education database. Without <c>schoolCode</c> a listing covers the whole province.</summary>
public interface IProvincialApi
{
    [Get("/api/v1/learners")]
    Task<UpstreamPage> GetLearnersAsync(string? schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/staff")]
    Task<UpstreamPage> GetStaffAsync(string? schoolCode, string? updatedSince, string? cursor, int? limit, CancellationToken cancellationToken);
}
