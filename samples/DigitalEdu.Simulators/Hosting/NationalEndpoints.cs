using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>The national contract: one province's schools, students and staff; any other province is unknown here.</summary>
internal static class NationalEndpoints
{
    public static void MapNationalEndpoints(this WebApplication app, SimulatorState state)
    {
        var province = state.Options.ProvinceCode;
        var schoolsJson = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            state.Store.Schools.Select(s => new NationalSchool(s.Code, s.Name, s.ListedLevel, s.CommuneCode, s.CommuneName)).ToArray(),
            WireJsonContext.Wire.NationalSchoolArray);

        app.MapGet("/api/v1/provinces/{provinceCode}/schools", async (HttpContext context, string provinceCode) =>
        {
            if (provinceCode != province)
            {
                return UnknownProvince(provinceCode);
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync("{\"items\":"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.WriteAsync(schoolsJson, context.RequestAborted);
            await context.Response.Body.WriteAsync("}"u8.ToArray(), context.RequestAborted);
            return Results.Empty;
        });

        Map(app, state, "students", DatasetDefinition.NationalStudents);
        Map(app, state, "staff", DatasetDefinition.NationalStaff);
    }

    private static void Map(WebApplication app, SimulatorState state, string segment, DatasetDefinition definition)
    {
        app.MapGet($"/api/v1/provinces/{{provinceCode}}/{segment}", async (HttpContext context, string provinceCode) =>
        {
            if (provinceCode != state.Options.ProvinceCode)
            {
                return UnknownProvince(provinceCode);
            }

            var schoolCode = SchoolFilter.Read(context, state.Store, out var problem);
            return problem ?? await PagedListing.WriteAsync(context, state.Store[definition], schoolCode, state.Store.Clock) ?? Results.Empty;
        });
    }

    private static IResult UnknownProvince(string provinceCode) => Problems.Result(404, "Not found", $"No province {provinceCode} here.");
}
