namespace DigitalEdu.Connectors.Resilience;

/// <summary>
/// Reads the whole answer inside the resilience pipeline. Without it the body is read after the pipeline has returned, so an
/// answer cut off mid-body (or stalled mid-body) would escape the retries and timeouts; here it becomes a transient
/// <see cref="HttpRequestException"/> that the pipeline retries like a dropped connection.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded, $"The answer ended before its end ({ex.Message}).", ex, response.StatusCode);
        }
    }
}
