using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Auth;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using Polly;
using Polly.CircuitBreaker;
using Refit;

namespace DigitalEdu.Connectors.Reading;

/// <summary>
/// The boundary where whatever went wrong with an upstream call (after the resilience pipeline gave up) becomes an
/// <see cref="UpstreamException"/>, so a pull job has one thing to catch and record on its batch.
/// </summary>
internal static class UpstreamCall
{
    private const int MaxDetailLength = 300;

    /// <summary>How much of an upstream's answer a failed batch keeps.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>
    /// The last failed answer of each upstream: an open circuit refuses calls without asking the upstream, and the batch it fails
    /// records what the upstream said when it last answered, not only that the circuit was open.
    /// </summary>
    private static readonly ConcurrentDictionary<Source, (int Status, string? Body)> LastFailedAnswer = new();

    public static async Task<T> RunAsync<T>(Source upstream, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ApiException ex) when ((int)ex.StatusCode is >= 200 and < 300)
        {
            // Refit wraps a body it could not deserialize in an ApiException carrying the success status.
            throw new UpstreamException(upstream, (int)ex.StatusCode, $"{upstream} {operation}: the answer is not JSON of the expected shape.", ex);
        }
        catch (ApiException ex)
        {
            var body = KeptBody(ex.Content);
            LastFailedAnswer[upstream] = ((int)ex.StatusCode, body);
            throw new UpstreamException(upstream, (int)ex.StatusCode, $"{upstream} {operation}: {Describe(ex.StatusCode, ex.ReasonPhrase, ex.Content)}", ex, body);
        }
        catch (Exception ex) when (ex is BrokenCircuitException || ex.InnerException is BrokenCircuitException)
        {
            var last = LastFailedAnswer.TryGetValue(upstream, out var answer) ? answer : ((int Status, string? Body)?)null;
            var said = last is { } known ? $"the upstream last answered {known.Status}" : "no answer recorded";
            throw new UpstreamException(upstream, last?.Status, $"{upstream} {operation}: circuit open ({said}).", ex, last?.Body);
        }
        catch (ApiRequestException ex)
        {
            // Refit wraps what went wrong before any answer (timeout, reset connection, open circuit) in its own exception;
            // uncaught, it would crash the job instead of failing the page.
            var cause = ex.InnerException ?? ex;
            var status = cause is HttpRequestException { StatusCode: { } code } ? (int?)code : null;
            throw new UpstreamException(upstream, status, $"{upstream} {operation}: {cause.GetType().Name}: {cause.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(upstream, null, $"{upstream} {operation}: the answer is not JSON of the expected shape.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(upstream, (int?)ex.StatusCode, $"{upstream} {operation}: {ex.HttpRequestError} ({ex.Message})", ex);
        }
        catch (ExecutionRejectedException ex)
        {
            // Polly's timeout or open circuit.
            throw new UpstreamException(upstream, null, $"{upstream} {operation}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new UpstreamException(upstream, null, $"{upstream} {operation}: timed out.", ex);
        }
        catch (Exception ex) when (ex is IOException or UpstreamTokenException)
        {
            throw new UpstreamException(upstream, null, $"{upstream} {operation}: {ex.Message}", ex);
        }
    }

    /// <summary>What a failed batch keeps of the answer: its start, with long numbers (IDs, phone numbers) masked.</summary>
    internal static string? KeptBody(string? content) =>
        string.IsNullOrWhiteSpace(content) ? null
        : PersonalIdNumber.MaskNumbersIn(content.Length <= MaxBodyLength ? content : content[..MaxBodyLength] + "…");

    /// <summary>A listing that is JSON but not a page (no items array, no asOf) fails its batch just like garbage.</summary>
    public static UpstreamException NotAPage(Source upstream, string operation, string what) =>
        new(upstream, (int)HttpStatusCode.OK, $"{upstream} {operation}: the answer is not a page ({what}).");

    /// <summary>The problem+json title and detail when the upstream sent one; the status line otherwise.</summary>
    internal static string Describe(HttpStatusCode status, string? reasonPhrase, string? content)
    {
        var head = $"{(int)status} {reasonPhrase}".TrimEnd();
        if (string.IsNullOrWhiteSpace(content))
        {
            return head;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return head;
            }

            var title = Text(document.RootElement, "title");
            var detail = Text(document.RootElement, "detail");
            var problem = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return problem.Length == 0 ? head : $"{head}: {Shorten(PersonalIdNumber.MaskNumbersIn(problem)!)}";
        }
        catch (JsonException)
        {
            return head;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
