using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>The SMS contract: the school list, and per school the students, staff and health exams.</summary>
internal static class SmsEndpoints
{
    public static void MapSmsEndpoints(this WebApplication app, SimulatorState state)
    {
        var store = state.Store;
        var schoolsJson = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            store.Schools.Select(s => new SmsSchool(s.Code, s.Name, s.ListedLevel, s.CommuneCode, s.SmsSendsCommuneName ? s.CommuneName : null, s.ProvinceCode)).ToArray(),
            WireJsonContext.Wire.SmsSchoolArray);

        app.MapGet("/api/v1/schools", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync("{\"items\":"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.WriteAsync(schoolsJson, context.RequestAborted);
            await context.Response.Body.WriteAsync("}"u8.ToArray(), context.RequestAborted);
        });

        MapPerSchool(app, state, "students", DatasetDefinition.SmsStudents);
        MapPerSchool(app, state, "staff", DatasetDefinition.SmsStaff);
        MapPerSchool(app, state, "health-exams", DatasetDefinition.SmsHealthExams);
    }

    private static void MapPerSchool(WebApplication app, SimulatorState state, string segment, DatasetDefinition definition)
    {
        app.MapGet($"/api/v1/schools/{{schoolCode}}/{segment}", async (HttpContext context, string schoolCode) =>
        {
            if (!state.Store.SchoolsByCode.ContainsKey(schoolCode))
            {
                return Problems.Result(404, "Not found", $"No school {schoolCode}.");
            }

            return await PagedListing.WriteAsync(context, state.Store[definition], schoolCode, state.Store.Clock) ?? Results.Empty;
        });
    }
}
