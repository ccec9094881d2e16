using DigitalEdu.Simulators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// A simulator pipeline in which the SMS answers 503 for one school's pupils while <c>isDown</c> says so: the first run of a
/// web fixture leaves one failed batch for the operator's pages, and the fixture lifts the outage to test the retry.
/// </summary>
public static class SmsPupilOutage
{
    public static Action<UpstreamSource, IApplicationBuilder> While(Func<bool> isDown, string schoolCode) => (source, app) =>
    {
        if (source != UpstreamSource.Sms)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (isDown() && context.Request.Path.StartsWithSegments($"/api/v1/schools/{schoolCode}/students"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("SMS maintenance");
                return;
            }

            await next();
        });
    };
}
