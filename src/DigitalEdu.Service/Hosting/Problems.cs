using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// Error answers outside the endpoints (rate limits, query checks, an unreachable database): problem+json for the API and
/// exports; for a page only the status, which the pages' error handling renders.
/// </summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return WebProtection.IsPageRequest(context) ? Task.CompletedTask : Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>A 400 naming the field, in the shape validation gives.</summary>
    public static Task WriteValidationAsync(HttpContext context, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (WebProtection.IsPageRequest(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        return BadRequests.WriteAsync(context, StatusCodes.Status400BadRequest, field, message);
    }
}

/// <summary>
/// The database cannot be reached (refused, timed out, restarting, out of connections): 503 with Retry-After, not 500, so
/// clients and proxies wait and try again. Logged as one warning line without the stack.
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || !IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "The database is unavailable.",
            $"Try again in {RetryAfterSeconds} s.");
        return true;
    }

    internal static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection class (08), shutting down or starting (57P01-57P03), too many connections (53300).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered 503, the database is unavailable ({ExceptionType}: {Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exceptionType, string reason);
}
