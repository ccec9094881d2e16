using DigitalEdu.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalEdu.Simulators.Faults;

/// <summary>
/// Injects the faults of one listener into its data calls (<c>/api/...</c>), in front of auth and endpoints as a network or
/// gateway would. Admin and token endpoints are never faulted, so tests and token renewal always get through.
/// </summary>
internal static class FaultMiddleware
{
    private static readonly byte[] ItemsStart = "\"items\":["u8.ToArray();

    public static void UseFaultInjection(this WebApplication app, FaultInjector injector, TokenIssuer tokens)
    {
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || injector.Settings is null)
            {
                await next(context);
                return;
            }

            var dataset = ListingOf(injector.Source, context.Request.Path);
            var key = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
            var drawn = injector.Draw(key, kind => kind switch
            {
                FaultKind.Malformed => dataset is not null,
                FaultKind.ExpiredToken => injector.Source != UpstreamSource.Provincial && BearerToken(context) is not null,
                _ => true,
            });
            if (drawn is not { } fault)
            {
                await next(context);
                return;
            }

            injector.Count(fault.Kind);
            var settings = injector.Settings ?? new FaultSettings();
            switch (fault.Kind)
            {
                case FaultKind.Status500:
                    await Problems.WriteAsync(context, 500, "Internal server error", "Injected fault.");
                    break;
                case FaultKind.Status502:
                    await Problems.WriteAsync(context, 502, "Bad gateway", "Injected fault.");
                    break;
                case FaultKind.Status503:
                    context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Problems.WriteAsync(context, 503, "Service unavailable", "Injected fault.");
                    break;
                case FaultKind.Status429:
                    context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Problems.WriteAsync(context, 429, "Too many requests", "Injected fault.");
                    break;
                case FaultKind.Hang:
                    await HangAsync(context, settings, stopping);
                    break;
                case FaultKind.Slow:
                    if (await DelayAsync(TimeSpan.FromMilliseconds(settings.SlowMilliseconds), context.RequestAborted, stopping))
                    {
                        await next(context);
                    }

                    break;
                case FaultKind.ExpiredToken:
                    // The token dies now, as if its lifetime ran out early: only a freshly fetched one gets through.
                    tokens.Revoke(BearerToken(context)!);
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";
                    await Problems.WriteAsync(context, 401, "Unauthorized", "The bearer token expired.");
                    break;
                case FaultKind.Truncated:
                    await TruncateAsync(context, next, fault.Draw);
                    break;
                case FaultKind.Malformed:
                    await AddMalformedAsync(context, next, MalformedRecords.For(dataset!), settings.MalformedPerPage, fault.Draw);
                    break;
            }
        });
    }

    /// <summary>The listing a data path belongs to, in the admin names (<c>sms-students</c>, ...), or null for the school lists.</summary>
    internal static string? ListingOf(UpstreamSource source, PathString path)
    {
        var segments = path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (source, segments) switch
        {
            (UpstreamSource.Sms, [_, _, "schools", _, "students"]) => "sms-students",
            (UpstreamSource.Sms, [_, _, "schools", _, "staff"]) => "sms-staff",
            (UpstreamSource.Sms, [_, _, "schools", _, "health-exams"]) => "sms-health-exams",
            (UpstreamSource.Provincial, [_, _, "learners"]) => "provincial-learners",
            (UpstreamSource.Provincial, [_, _, "staff"]) => "provincial-staff",
            (UpstreamSource.National, [_, _, "provinces", _, "students"]) => "national-students",
            (UpstreamSource.National, [_, _, "provinces", _, "staff"]) => "national-staff",
            _ => null,
        };
    }

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static async Task HangAsync(HttpContext context, FaultSettings settings, CancellationToken stopping)
    {
        await DelayAsync(TimeSpan.FromSeconds(settings.HangLimitSeconds), context.RequestAborted, stopping);

        // Never answer: a client still waiting sees the connection drop.
        context.Abort();
    }

    /// <summary>Waits; false when the client went away or the simulator is stopping.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken aborted, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            await Task.Delay(delay, linked.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task TruncateAsync(HttpContext context, RequestDelegate next, ulong draw)
    {
        var body = await CaptureAsync(context, next);
        if (context.Response.StatusCode != StatusCodes.Status200OK || body.Length < 2)
        {
            await WriteAsync(context, body);
            return;
        }

        // Announce the whole length, send a part that stops inside the JSON, then cut the connection.
        var cut = 1 + (int)(draw % (ulong)(body.Length - 1));
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, cut), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    private static async Task AddMalformedAsync(HttpContext context, RequestDelegate next, IReadOnlyList<MalformedRecord> corpus, int perPage, ulong draw)
    {
        var body = await CaptureAsync(context, next);
        var at = body.AsSpan().IndexOf(ItemsStart);
        if (context.Response.StatusCode != StatusCodes.Status200OK || at < 0 || corpus.Count == 0)
        {
            await WriteAsync(context, body);
            return;
        }

        var start = (int)(draw % (ulong)corpus.Count);
        var chosen = Enumerable.Range(0, Math.Min(perPage, corpus.Count)).Select(i => corpus[(start + i) % corpus.Count].Json).ToList();
        var insertAt = at + ItemsStart.Length;
        using var output = new MemoryStream(body.Length + chosen.Sum(c => c.Length + 1) + 1);
        output.Write(body, 0, insertAt);
        for (var i = 0; i < chosen.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            output.Write(chosen[i]);
        }

        if (body[insertAt] != (byte)']')
        {
            output.WriteByte((byte)',');
        }

        output.Write(body, insertAt, body.Length - insertAt);
        await WriteAsync(context, output.ToArray());
    }

    /// <summary>Runs the rest of the pipeline into memory, so the answer can be changed before anything is sent.</summary>
    private static async Task<byte[]> CaptureAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, original);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
