using System.Text;
using System.Text.Json;
using DigitalEdu.Connectors.Clients;

namespace DigitalEdu.Tests.Connectors;

/// <summary>The page envelope as the clients read it (web defaults, as Refit is configured): what is read, what is ignored, what fails.</summary>
public sealed class UpstreamPageTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Page_reads_items_cursor_and_as_of()
    {
        var page = Read("""{"items": [{"a": 1}, "x", 2, null, [true]], "nextCursor": "c-2", "asOf": "2026-11-20T08:02:03.5+07:00"}""");

        Assert.NotNull(page.Items);
        Assert.Equal(["{\"a\": 1}", "\"x\"", "2", "null", "[true]"], page.Items.Select(i => i.GetRawText()));
        Assert.Equal(JsonValueKind.Null, page.Items[3].ValueKind);
        Assert.Equal("c-2", page.NextCursor);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 2, 3, 500, TimeSpan.FromHours(7)), page.AsOf);
    }

    [Theory]
    [InlineData("""{"asOf": "2026-11-20T01:02:03Z"}""")]
    [InlineData("""{"items": null, "asOf": "2026-11-20T01:02:03Z"}""")]
    public void Page_missing_or_null_items_is_null_items(string json)
    {
        var page = Read(json);

        Assert.Null(page.Items);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 2, 3, TimeSpan.Zero), page.AsOf);
    }

    [Theory]
    [InlineData("""{"items": []}""")]
    [InlineData("""{"items": [], "nextCursor": null, "asOf": null}""")]
    public void Page_missing_or_null_cursor_and_as_of_are_null(string json)
    {
        var page = Read(json);

        Assert.Empty(page.Items!);
        Assert.Null(page.NextCursor);
        Assert.Null(page.AsOf);
    }

    [Theory]
    [InlineData("""{"items": {}}""")]
    [InlineData("""{"items": "[]"}""")]
    [InlineData("""{"items": 3}""")]
    [InlineData("""{"items": true}""")]
    [InlineData("""{"items": [], "nextCursor": 2}""")]
    [InlineData("""{"items": [], "nextCursor": {}}""")]
    [InlineData("""{"items": [], "nextCursor": ["c"]}""")]
    [InlineData("""{"items": [], "asOf": 1763600523}""")]
    [InlineData("""{"items": [], "asOf": "yesterday"}""")]
    [InlineData("""{"items": [], "asOf": ""}""")]
    [InlineData("""{"items": [], "asOf": "2026-11-20 01:02:03Z"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"items": [1, 2}""")]
    [InlineData("""{"items": [1]} trailing""")]
    public void Page_of_the_wrong_shape_is_a_json_exception(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UpstreamPage>(json, Web));

    [Fact]
    public void Page_null_document_is_null() =>
        Assert.Null(JsonSerializer.Deserialize<UpstreamPage>("null", Web));

    [Fact]
    public void Page_ignores_other_properties_of_any_shape()
    {
        var page = Read("""{"total": 2, "items": [1], "links": {"next": [1, {"deep": [[]]}]}, "asOf": "2026-11-20T01:02:03Z", "x": null}""");

        Assert.Equal(["1"], page.Items!.Select(i => i.GetRawText()));
        Assert.NotNull(page.AsOf);
    }

    [Fact]
    public void Page_names_match_case_insensitively_and_escaped_as_the_web_defaults_do()
    {
        var page = Read("""{"ITEMS": [1], "NextCursor": "c", "\u0061sOf": "2026-11-20T01:02:03Z"}""");

        Assert.Single(page.Items!);
        Assert.Equal("c", page.NextCursor);
        Assert.NotNull(page.AsOf);
        Assert.Null(JsonSerializer.Deserialize<UpstreamPage>("""{"ITEMS": [1]}""", new JsonSerializerOptions())!.Items);
    }

    [Fact]
    public void Page_repeated_property_keeps_the_last()
    {
        var page = Read("""{"items": [1], "nextCursor": "a", "items": [2, 3], "nextCursor": null}""");

        Assert.Equal(["2", "3"], page.Items!.Select(i => i.GetRawText()));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void Page_name_that_is_not_valid_utf8_is_ignored()
    {
        var json = Encoding.UTF8.GetBytes("""{"items": [1], "x""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\": 1}")).ToArray();

        Assert.Single(JsonSerializer.Deserialize<UpstreamPage>(json, Web)!.Items!);
    }

    [Fact]
    public async Task Page_read_from_a_stream_in_small_buffers_is_the_same()
    {
        const string Json = """{"x": {"a": [1, 2, {"b": []}]}, "items": [{"studentId": "S-1"}, [1, 2]], "nextCursor": "c", "asOf": "2026-11-20T01:02:03Z"}""";
        var options = new JsonSerializerOptions(Web) { DefaultBufferSize = 1 };

        var page = await JsonSerializer.DeserializeAsync<UpstreamPage>(new MemoryStream(Encoding.UTF8.GetBytes(Json)), options);

        Assert.Equal(["{\"studentId\": \"S-1\"}", "[1, 2]"], page!.Items!.Select(i => i.GetRawText()));
        Assert.Equal("c", page.NextCursor);
        Assert.NotNull(page.AsOf);
    }

    [Fact]
    public void Page_writes_what_it_reads()
    {
        var page = Read("""{"items": [1, {"a": "b"}], "asOf": "2026-11-20T01:02:03.5+07:00"}""");

        Assert.Equal(
            """{"items":[1,{"a":"b"}],"nextCursor":null,"asOf":"2026-11-20T01:02:03.5+07:00"}""",
            JsonSerializer.Serialize(page, Web));
        Assert.Equal(
            """{"items":null,"nextCursor":"c","asOf":null}""",
            JsonSerializer.Serialize(new UpstreamPage(null, "c", null), Web));
    }

    private static UpstreamPage Read(string json) => JsonSerializer.Deserialize<UpstreamPage>(json, Web)!;
}
