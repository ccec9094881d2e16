using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>
/// Test controls, on every listener: the ground truth, and changing or removing one record in its source's own wire format.
/// A change stamps the record's update time with "now", so incremental pulls see it. A key is trimmed first: a record sent with
/// stray spaces around its key is filed under the key itself, and a test may well take the key from the record as sent.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this WebApplication app, SimulatorState state)
    {
        app.MapGet("/admin/ground-truth", () => Results.Bytes(state.GroundTruthJson, "application/json; charset=utf-8"));
        app.MapGet("/admin/ground-truth/summary", () => Results.Text(state.GroundTruthSummary, "text/plain; charset=utf-8"));

        app.MapMethods("/admin/records/{dataset}/{key}", [HttpMethods.Patch], async (HttpContext context, string dataset, string key) =>
        {
            var store = state.Store.Find(dataset);
            if (store is null)
            {
                return Problems.Result(404, "Not found", $"No dataset {dataset}; one of: {string.Join(", ", DatasetDefinition.All.Select(d => d.Name))}.");
            }

            JsonObject changes;
            try
            {
                changes = await JsonSerializer.DeserializeAsync(context.Request.Body, WireJsonContext.Wire.JsonObject, context.RequestAborted)
                    ?? throw new JsonException("null body");
            }
            catch (JsonException)
            {
                return Problems.Result(400, "Bad request", "The body must be a JSON object of wire fields to overwrite.");
            }

            var definition = store.Definition;
            if (changes.ContainsKey(definition.KeyField))
            {
                return Problems.Result(400, "Bad request", $"The key field {definition.KeyField} cannot be changed; delete and let the data be regenerated instead.");
            }

            byte[]? updatedJson = null;
            var found = store.Replace(key.Trim(), current =>
            {
                var record = JsonNode.Parse(current.Json)!.AsObject();
                foreach (var (name, value) in changes)
                {
                    record[name] = value?.DeepClone();
                }

                var stamp = state.Store.Clock.Next();
                record[definition.UpdatedField] = WireFormats.Instant(stamp);
                // A changed school moves the record to that school's listing; exams have no school field and stay put. The code is
                // trimmed as the key is: a record may carry its school code with stray spaces.
                var school = definition.SchoolField is { } field && record[field] is JsonValue v && v.TryGetValue<string>(out var code)
                    ? code.Trim()
                    : current.SchoolCode;
                updatedJson = JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject);
                return current with { SchoolCode = school, UpdatedTicks = stamp.Ticks, Json = updatedJson };
            });

            return found
                ? Results.Bytes(updatedJson!, "application/json; charset=utf-8")
                : Problems.Result(404, "Not found", $"No record {key} in {dataset}.");
        });

        app.MapDelete("/admin/records/{dataset}/{key}", (string dataset, string key) =>
        {
            var store = state.Store.Find(dataset);
            if (store is null)
            {
                return Problems.Result(404, "Not found", $"No dataset {dataset}.");
            }

            return store.Remove(key.Trim()) ? Results.NoContent() : Problems.Result(404, "Not found", $"No record {key} in {dataset}.");
        });

        // The school year turning over: the SMS (and the provincial copy) first, the national database later.
        app.MapPost("/admin/turnover/sms", (int? schools) => schools is null or < 1 or > 1000
            ? Problems.Result(400, "Bad request", "schools must be between 1 and 1000.")
            : Results.Json(state.Turnover.TurnOverSms(schools.Value), WireJsonContext.Wire.TurnoverTruth));
        app.MapPost("/admin/turnover/national", () => Results.Text($"{{\"records\": {state.Turnover.TurnOverNational()}}}", "application/json"));
    }
}
