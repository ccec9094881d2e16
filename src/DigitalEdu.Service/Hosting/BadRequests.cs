using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// Requests the endpoints cannot even bind (a body that is not JSON or has a value of the wrong JSON type, a route or query
/// value that is not a GUID or a number, a body larger than allowed) get the same problem+json 400 (413, 415) that
/// validation gives, naming the field, instead of a bare status code. Nothing is read, stored or logged beyond a warning.
/// </summary>
public static partial class BadRequests
{
    public static WebApplicationBuilder AddBadRequestHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<RequestLimitsOptions>(RequestLimitsOptions.Section);

        // Kestrel enforces the limit on bodies of unknown length as they stream; the middleware below answers early and in the API's shape.
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodySize);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Refuses a body larger than <see cref="RequestLimitsOptions.MaxRequestBodySize"/> (or the endpoint's own limit) with a
    /// problem+json 413 before it is read, and holds a body of unknown length to the same limit.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxRequestBodySize;
        return app.Use(async (context, next) =>
        {
            // An endpoint that takes a file (the returned spreadsheet) says its own limit ([RequestSizeLimit]).
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? configured;
            // The error page re-executed for a refused body never reads it.
            var reExecuted = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
            if (context.Request.ContentLength > limit && !reExecuted)
            {
                if (Web.ErrorPages.IsPageRequest(context))
                {
                    // A page's form (a spreadsheet too large): the error page says it in the site's layout.
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body", $"The request body may be at most {limit} bytes.");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context);
        });
    }

    /// <summary>The field a binding failure is about: the JSON path of a body value, or the parameter a route or query value was for.</summary>
    internal static string FieldOf(BadHttpRequestException exception)
    {
        // A value of the wrong type names its property; a syntax error names only where the reader gave up, so it is the body's.
        if (exception.InnerException is JsonException { Path: { Length: > 1 } path } json
            && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var field = path.TrimStart('$', '.').Split('[', '.')[0];
            return field.Length == 0 ? "body" : JsonNamingPolicy.CamelCase.ConvertName(field);
        }

        if (exception.InnerException is JsonException || exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return "body";
        }

        // e.g. Failed to bind parameter "Guid id" from "abc".  /  Required parameter "int limit" was not provided from query string.
        var match = ParameterPattern().Match(exception.Message);
        return match.Success ? JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value) : "request";
    }

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    internal static Task WriteAsync(HttpContext context, int status, string field, string message)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
                _ => "The request is not valid.",
            },
            Detail = message,
        };
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}

/// <summary>Turns the binding failures minimal APIs throw (with ThrowOnBadRequest) into problem+json that names the field.</summary>
internal sealed partial class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var field = BadRequests.FieldOf(bad);
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        var message = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be sent as application/json.",
            _ when field == "body" => "The request body is missing or is not a JSON object of the expected shape.",
            _ when bad.InnerException is JsonException => $"{field} has a value of the wrong JSON type.",
            _ => $"{field} has a value that cannot be read ({bad.Message})",
        };
        LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, status, field);
        await BadRequests.WriteAsync(httpContext, status, field, message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered {Status}, {Field} could not be read")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status, string field);
}
