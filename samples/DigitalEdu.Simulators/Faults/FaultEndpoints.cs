using System.Text.Json;
using DigitalEdu.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Faults;

/// <summary>
/// Run-time control of one listener's faults: <c>POST /admin/faults</c> switches them on (body: rate, kinds, optional seed,
/// slowMs, retryAfterSeconds, malformedPerPage, hangLimitSeconds), <c>DELETE</c> switches them off, <c>GET</c> shows the settings
/// and the count of injected faults by kind.
/// </summary>
internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this WebApplication app, FaultInjector injector)
    {
        app.MapGet("/admin/faults", (HttpContext context) => WriteStateAsync(context, injector));

        app.MapPost("/admin/faults", async (HttpContext context) =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await Problems.WriteAsync(context, 400, "Bad request", "The body must be JSON such as {\"rate\":0.3,\"kinds\":[\"status500\"]}.");
                return;
            }

            using (document)
            {
                var settings = FaultSettings.Parse(document.RootElement, out var error);
                if (error is not null)
                {
                    await Problems.WriteAsync(context, 400, "Bad request", error);
                    return;
                }

                injector.Configure(settings);
            }

            await WriteStateAsync(context, injector);
        });

        app.MapDelete("/admin/faults", () =>
        {
            injector.Disable();
            return Results.NoContent();
        });
    }

    private static async Task WriteStateAsync(HttpContext context, FaultInjector injector)
    {
        var settings = injector.Settings;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteBoolean("enabled", settings is not null);
        if (settings is not null)
        {
            writer.WriteNumber("rate", settings.Rate);
            writer.WriteStartArray("kinds");
            foreach (var kind in settings.Kinds)
            {
                writer.WriteStringValue(kind.WireName());
            }

            writer.WriteEndArray();
            writer.WriteNumber("slowMs", settings.SlowMilliseconds);
            writer.WriteNumber("retryAfterSeconds", settings.RetryAfterSeconds);
            writer.WriteNumber("malformedPerPage", settings.MalformedPerPage);
        }

        writer.WriteNumber("requests", injector.Requests);
        writer.WriteStartObject("injected");
        foreach (var (kind, count) in injector.Injected())
        {
            writer.WriteNumber(kind.WireName(), count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
