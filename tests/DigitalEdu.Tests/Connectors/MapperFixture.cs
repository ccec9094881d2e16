using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;

namespace DigitalEdu.Tests.Connectors;

/// <summary>Builds mappers with a fixed "today" and turns edited JSON samples into elements.</summary>
internal static class MapperFixture
{
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));

    public static SmsRecordMapper Sms() => new(new PersonRecordValidator(Clock), new HealthExamRecordValidator(Clock));

    public static ProvincialRecordMapper Provincial() => new(new PersonRecordValidator(Clock));

    public static NationalRecordMapper National() => new(new PersonRecordValidator(Clock));

    /// <summary>The sample with one field replaced by raw JSON (or removed when <paramref name="rawValue"/> is null).</summary>
    public static JsonElement With(string sample, string field, string? rawValue)
    {
        var node = JsonNode.Parse(sample)!.AsObject();
        var path = field.Split('.');
        var target = node;
        foreach (var part in path[..^1])
        {
            target = target[part]!.AsObject();
        }

        target.Remove(path[^1]);
        if (rawValue is not null)
        {
            target[path[^1]] = JsonNode.Parse(rawValue);
        }

        return Parse(node.ToJsonString());
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static QuarantinedRecord AssertQuarantined<T>(MappedRecord<T> mapped, JsonElement element)
        where T : class
    {
        Assert.Null(mapped.Record);
        var quarantined = Assert.IsType<QuarantinedRecord>(mapped.Quarantined);
        Assert.Equal(element.GetRawText(), quarantined.RawJson);
        Assert.NotEmpty(quarantined.Reasons);
        return quarantined;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
