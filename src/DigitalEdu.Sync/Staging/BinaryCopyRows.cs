using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;

namespace DigitalEdu.Sync.Staging;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the "Binary Format" section of the COPY reference page), built in one pooled
/// buffer and sent through a raw binary COPY. Staging writes millions of rows a run: encoding each field here is a few
/// instructions, where the general-purpose importer resolved a type handler and bound a parameter for every field.
/// Only the types the staging tables use are here; each writes what that type's binary receive function reads.
/// </summary>
internal sealed class BinaryCopyRows : IBufferWriter<byte>, IDisposable
{
    private const int TextTypeOid = 25;

    // "PGCOPY\n\377\r\n\0": the \377 is the byte 0xFF, which a UTF-8 string literal would encode as two bytes.
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private static readonly DateOnly PostgresEpochDate = new(2000, 1, 1);
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] buffer;
    private int length;

    // Made on the first serialized JSON value and reset onto this buffer for each one.
    private Utf8JsonWriter? jsonWriter;

    public BinaryCopyRows(int initialCapacity = 64 * 1024)
    {
        buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

        // Signature, flags (no OIDs), header extension length.
        Signature.CopyTo(buffer, 0);
        length = Signature.Length;
        WriteInt32(0);
        WriteInt32(0);
    }

    public int Rows { get; private set; }

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), fields);
        length += 2;
        Rows++;
    }

    public void Null() => WriteInt32(-1);

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), written);
        length += 4 + written;
    }

    /// <summary>json's binary form is the JSON text itself.</summary>
    public void Json(string? json) => Text(json);

    /// <summary>jsonb's binary form is a version byte (1) and the JSON text.</summary>
    public void Jsonb(string? json)
    {
        if (json is null)
        {
            Null();
            return;
        }

        Ensure(5 + Encoding.UTF8.GetMaxByteCount(json.Length));
        var written = Encoding.UTF8.GetBytes(json, buffer.AsSpan(length + 5));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), written + 1);
        buffer[length + 4] = 1;
        length += 5 + written;
    }

    /// <summary>
    /// A value serialized straight into the row, the text <see cref="JsonSerializer.Serialize{TValue}(TValue, JsonTypeInfo{TValue})"/>
    /// would return, without the string: a province's health exams were each serialized to a string and encoded back to
    /// UTF-8, an allocation per exam that this way is not made (ADR 0001).
    /// </summary>
    public void Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        WriteInt32(0);
        var start = length;
        if (jsonWriter is null)
        {
            jsonWriter = new Utf8JsonWriter(this);
        }
        else
        {
            jsonWriter.Reset(this);
        }

        JsonSerializer.Serialize(jsonWriter, value, typeInfo);
        jsonWriter.Flush();
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(start - 4), length - start);
    }

    public void Boolean(bool value)
    {
        WriteInt32(1);
        Ensure(1);
        buffer[length++] = value ? (byte)1 : (byte)0;
    }

    public void Integer(int? value)
    {
        if (value is not { } number)
        {
            Null();
            return;
        }

        WriteInt32(4);
        WriteInt32(number);
    }

    public void BigInteger(long value)
    {
        WriteInt32(8);
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    /// <summary>A date is the number of days since 2000-01-01.</summary>
    public void Date(DateOnly? value)
    {
        if (value is not { } date)
        {
            Null();
            return;
        }

        WriteInt32(4);
        WriteInt32(date.DayNumber - PostgresEpochDate.DayNumber);
    }

    /// <summary>A timestamptz is microseconds since 2000-01-01 00:00 UTC.</summary>
    public void Timestamp(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            Null();
            return;
        }

        WriteInt32(8);
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), (instant.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        length += 8;
    }

    public void Uuid(Guid value)
    {
        WriteInt32(16);
        Ensure(16);
        value.TryWriteBytes(buffer.AsSpan(length, 16), bigEndian: true, out _);
        length += 16;
    }

    /// <summary>A one-dimensional text[]: dimensions, null flag, element type, then length and lower bound, then the elements.</summary>
    public void TextArray(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            Null();
            return;
        }

        var start = length;
        WriteInt32(0);
        WriteInt32(values.Count == 0 ? 0 : 1);
        WriteInt32(0);
        WriteInt32(TextTypeOid);
        if (values.Count > 0)
        {
            WriteInt32(values.Count);
            WriteInt32(1);
            foreach (var value in values)
            {
                Text(value);
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(start), length - start - 4);
    }

    /// <summary>Ends the data and sends it all through one raw binary COPY.</summary>
    public async Task CopyAsync(NpgsqlConnection connection, string copyFromStdin, CancellationToken cancellationToken)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), -1);
        length += 2;
        await using var stream = await connection.BeginRawBinaryCopyAsync(copyFromStdin, cancellationToken);
        await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
    }

    public void Dispose()
    {
        jsonWriter?.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    void IBufferWriter<byte>.Advance(int count) => length += count;

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Ensure(Math.Max(sizeHint, 256));
        return buffer.AsMemory(length);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        Ensure(Math.Max(sizeHint, 256));
        return buffer.AsSpan(length);
    }

    private void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    private void Ensure(int more)
    {
        if (length + more <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
