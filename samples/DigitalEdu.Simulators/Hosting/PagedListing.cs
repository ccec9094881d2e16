using System.Globalization;
using System.Text.Json;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>
/// The keyset page every listing shares: reads cursor, limit and updatedSince, and writes the stored record bytes as they are,
/// so a page costs a binary search and a copy.
/// </summary>
internal static class PagedListing
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 1000;

    public static async Task<IResult?> WriteAsync(HttpContext context, DatasetStore dataset, string? schoolCode, UpdateClock clock)
    {
        var query = context.Request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.Result(400, "Bad request", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        PageCursor? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText) && cursorText.ToString().Length > 0)
        {
            if (!PageCursor.TryDecode(cursorText, out var decoded))
            {
                return Problems.Result(400, "Bad request", "The cursor is not one this listing issued.");
            }

            cursor = decoded;
        }

        long? since = null;
        if (query.TryGetValue("updatedSince", out var sinceText) && sinceText.ToString().Length > 0)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.Result(400, "Bad request", "updatedSince must be an ISO-8601 instant.");
            }

            since = parsed.UtcTicks;
        }

        var page = dataset.Read(schoolCode, cursor, since, limit);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(item, skipInputValidation: true);
        }

        writer.WriteEndArray();
        if (page.Next is { } next)
        {
            writer.WriteString("nextCursor", next.Encode());
        }
        else
        {
            writer.WriteNull("nextCursor");
        }

        writer.WriteString("asOf", WireFormats.Instant(TruncateToSecond(clock.Current())));
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
        return null;
    }

    private static DateTime TruncateToSecond(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
