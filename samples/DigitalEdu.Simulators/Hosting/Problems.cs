using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>RFC 9457 problem responses, the error shape all three upstream contracts share.</summary>
internal static class Problems
{
    public static IResult Result(int status, string title, string detail, string? oauthError = null) =>
        new ProblemResult(status, title, detail, oauthError);

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? oauthError = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", "about:blank");
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        if (oauthError is not null)
        {
            // OAuth clients look for "error"; keeping it in the problem document serves both kinds of client.
            writer.WriteString("error", oauthError);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private sealed class ProblemResult(int status, string title, string detail, string? oauthError) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, title, detail, oauthError);
    }
}
