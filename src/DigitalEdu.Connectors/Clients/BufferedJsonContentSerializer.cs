using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Refit;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// Refit's System.Text.Json serializer, except that an answer is deserialized from its bytes in one call rather than from a
/// stream. Answers are buffered whole inside the resilience pipeline anyway (<c>ResponseBufferingHandler</c>), but reading
/// them as a stream still made the serializer check, chunk after chunk, that a page's whole value had arrived before its
/// converter could read it, which cost more than the reading itself (ADR 0008). The bytes are copied into a pooled buffer; the page keeps nothing of it.
/// Answers in a charset other than UTF-8, or of no known length, are left to the stream reader.
/// </summary>
public sealed class BufferedJsonContentSerializer(JsonSerializerOptions options) : IHttpContentSerializer
{
    // A page is a few hundred KB; anything past this is read as a stream rather than rented whole.
    private const long MaxBufferedLength = 64 * 1024 * 1024;

    private readonly SystemTextJsonContentSerializer streaming = new(options);

    public HttpContent ToHttpContent<T>(T item) => streaming.ToHttpContent(item);

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => streaming.GetFieldNameForProperty(propertyInfo);

    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        if (content.Headers.ContentLength is not (>= 0 and <= MaxBufferedLength) || !IsUtf8(content.Headers.ContentType?.CharSet))
        {
            return await streaming.FromHttpContentAsync<T>(content, cancellationToken).ConfigureAwait(false);
        }

        var length = (int)content.Headers.ContentLength.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

            // The stream reader skips a UTF-8 byte order mark; reading the bytes must too.
            var json = buffer.AsSpan(0, read);
            return JsonSerializer.Deserialize<T>(json.StartsWith("\uFEFF"u8) ? json[3..] : json, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsUtf8(string? charset) =>
        charset?.Trim('"', ' ') is not { } name
        || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
