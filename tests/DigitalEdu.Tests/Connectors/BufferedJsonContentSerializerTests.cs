using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DigitalEdu.Connectors.Clients;

namespace DigitalEdu.Tests.Connectors;

/// <summary>Answers read from their buffered bytes: the same page as the stream reader gives, whatever the body looks like.</summary>
public sealed class BufferedJsonContentSerializerTests
{
    private const string Json =
        """{"x": {"a": [1, 2, {"b": []}]}, "items": [{"hoTen": "Nguyễn Thị Thu Hà"}, [1, 2], null], "nextCursor": "c", "asOf": "2026-11-20T01:02:03Z"}""";

    private static readonly BufferedJsonContentSerializer Serializer = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static TheoryData<string, byte[], string?> Bodies => new()
    {
        { "plain", Encoding.UTF8.GetBytes(Json), null },
        { "charset", Encoding.UTF8.GetBytes(Json), "utf-8" },
        { "quoted charset", Encoding.UTF8.GetBytes(Json), "\"UTF-8\"" },
        { "byte order mark", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Json)], "utf-8" },
        // Left to the stream reader, which transcodes.
        { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Json)], "utf-16" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Page_is_read_as_the_stream_reader_reads_it(string body, byte[] bytes, string? charset)
    {
        using var page = await Serializer.FromHttpContentAsync<UpstreamPage>(Content(bytes, charset));

        Assert.True(page?.Items?.Count == 3, $"{body}: the items were not read");
        Assert.Equal(["{\"hoTen\": \"Nguyễn Thị Thu Hà\"}", "[1, 2]", "null"], page!.Items!.Select(i => i.GetRawText()));
        Assert.Equal("c", page.NextCursor);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 2, 3, TimeSpan.Zero), page.AsOf);
    }

    [Fact]
    public async Task Pages_read_one_after_another_keep_their_own_items()
    {
        // The bytes go back to a shared pool once read: a page read earlier must not see a later one's.
        using var first = await Serializer.FromHttpContentAsync<UpstreamPage>(Content(Encoding.UTF8.GetBytes("""{"items": [{"k": "first"}]}"""), null));
        using var second = await Serializer.FromHttpContentAsync<UpstreamPage>(Content(Encoding.UTF8.GetBytes("""{"items": [{"k": "second-longer"}]}"""), null));

        Assert.Equal("first", first!.Items![0].GetProperty("k").GetString());
        Assert.Equal("second-longer", second!.Items![0].GetProperty("k").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"items": [1, 2""")]
    [InlineData("""{"items": {}}""")]
    public async Task Body_that_is_not_a_page_is_a_json_exception(string body) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => Serializer.FromHttpContentAsync<UpstreamPage>(Content(Encoding.UTF8.GetBytes(body), null)));

    private static ByteArrayContent Content(byte[] bytes, string? charset)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };
        return content;
    }
}
