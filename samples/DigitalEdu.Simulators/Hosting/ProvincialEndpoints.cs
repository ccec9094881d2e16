using DigitalEdu.Simulators.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>The provincial contract: learners and staff for the whole province, or one school with schoolCode.</summary>
internal static class ProvincialEndpoints
{
    public static void MapProvincialEndpoints(this WebApplication app, SimulatorState state)
    {
        Map(app, state, "/api/v1/learners", DatasetDefinition.ProvincialLearners);
        Map(app, state, "/api/v1/staff", DatasetDefinition.ProvincialStaff);
    }

    private static void Map(WebApplication app, SimulatorState state, string path, DatasetDefinition definition)
    {
        app.MapGet(path, async (HttpContext context) =>
        {
            var schoolCode = SchoolFilter.Read(context, state.Store, out var problem);
            return problem ?? await PagedListing.WriteAsync(context, state.Store[definition], schoolCode, state.Store.Clock) ?? Results.Empty;
        });
    }
}

/// <summary>The optional schoolCode query of the provincial and national listings: absent means the whole province.</summary>
internal static class SchoolFilter
{
    public static string? Read(HttpContext context, RecordStore store, out IResult? problem)
    {
        problem = null;
        var schoolCode = context.Request.Query["schoolCode"].ToString();
        if (schoolCode.Length == 0)
        {
            return null;
        }

        if (!store.SchoolsByCode.ContainsKey(schoolCode))
        {
            problem = Problems.Result(404, "Not found", $"No school {schoolCode}.");
        }

        return schoolCode;
    }
}
