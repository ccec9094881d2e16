using System.Globalization;
using System.Threading.RateLimiting;
using DigitalEdu.Domain.Text;
using DigitalEdu.Service.Access;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// What every answer and every client goes through: the client's address and scheme from trusted proxies only, HSTS over
/// HTTPS, the security headers (a CSP that allows only the service's own files, no framing, no sniffing, no referrer), no
/// caching of anything but static files, query values a person could type, and per-address rate limits.
/// </summary>
public static class WebProtection
{
    public const string SignInPolicy = "sign-in";

    /// <summary>
    /// Only the service's own scripts, styles and images; no framing by anyone; forms post only here (and to the identity
    /// provider when single sign-on is configured, which the sign-in form redirects to).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplicationBuilder AddWebProtection(this WebApplicationBuilder builder)
    {
        var forwarded = builder.Configuration.ValidatedNow<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        builder.Services.AddSettings<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Loopback is trusted by default, and with both lists empty the middleware would believe anyone: without a
            // configured proxy the headers are not read at all.
            var anyProxy = forwarded.KnownProxies.Length + forwarded.KnownNetworks.Length > 0;
            options.ForwardedHeaders = anyProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list must not keep its loopback default either.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in forwarded.KnownProxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in forwarded.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddSettings<HstsSettings>(HstsSettings.Section);
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<HstsSettings>>((hsts, settings) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(settings.Value.MaxAgeDays);
            hsts.IncludeSubDomains = settings.Value.IncludeSubDomains;
        });

        // No Server header: what runs the service is nobody's business.
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure(kestrel => kestrel.AddServerHeader = false);

        // Static files are the only answers a cache may keep; their URLs change with their content (asp-append-version).
        builder.Services.Configure<StaticFileOptions>(options => options.OnPrepareResponse = file =>
            file.Context.Response.Headers.CacheControl = "public, max-age=604800");

        builder.Services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton<FailedTokenThrottle>();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (ServiceDefaults.IsOperationsPath(context.Request.Path))
                {
                    // Probes and scrapes: the health answer is cached and the metrics are counts; a monitor is never refused.
                    return RateLimitPartition.GetNoLimiter("operations");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestBurst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(SignInPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("sign-in page");
                }

                var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.SignInsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var limit = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "requests";
                context.RequestServices.GetRequiredService<AccessTelemetry>().Throttled(limit);
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests from this address.",
                    $"Wait {Math.Ceiling(wait.TotalSeconds)} s before trying again.");
            };
        });

        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the real client and scheme, and every answer gets the headers.</summary>
    public static WebApplication UseWebProtection(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        var sso = app.Services.GetRequiredService<OpenIdConnectSettings>();
        var policy = sso.IsConfigured && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy + " " + authority.GetLeftPart(UriPartial.Authority)
            : ContentSecurityPolicy;
        app.Use((context, next) =>
        {
            // Chosen now: the dashboard rewrites the path while it answers.
            var requestPolicy = context.Request.Path.StartsWithSegments(JobDashboardPath) ? JobDashboardPolicy : policy;
            var isApi = context.Request.Path.StartsWithSegments("/api");
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = requestPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";

                // Pages, API answers and exports carry children's personal data: nothing keeps a copy.
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                // An API answer opened in a browser is a download, never a page rendered in the service's origin.
                if (isApi && !headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentDisposition))
                {
                    headers.ContentDisposition = "attachment; filename=\"api.json\"";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Before authentication: query values are checked and each client address held to its rate.</summary>
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            foreach (var (key, values) in context.Request.Query)
            {
                if (!IsQueryText(key) || values.Any(v => !IsQueryText(v)))
                {
                    var field = IsQueryText(key) && key.Length is > 0 and <= 64 ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(key) : "query";
                    await Problems.WriteValidationAsync(context, field, $"{field} holds characters that are not allowed.");
                    return;
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A page handled by Razor Pages (or a browser's request for a missing one): errors are the pages' own HTML, not JSON.</summary>
    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is { } endpoint)
        {
            return endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
        }

        return !context.Request.Path.StartsWithSegments("/api") && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
    }

    // Query values are codes, numbers, dates and short search text: no control characters at all.
    private static bool IsQueryText(string? value) => InputText.IsAllowed(value) && (value is null || !value.Any(char.IsControl));

    private const string JobDashboardPath = "/hangfire";

    // Hangfire's dashboard (operators only) sets inline styles from its script bundle (its charts); its scripts are its
    // own files, so only styles are relaxed, and only there.
    private const string JobDashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
}
