using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;

namespace DigitalEdu.Tests.Connectors;

/// <summary>
/// Builds mappers with a fixed "today", turns edited JSON samples into elements, and checks what a mapper made of a record
/// field by field, by the canonical field names.
/// </summary>
internal static class MapperFixture
{
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The school of the listing the table tests read from: not the samples' own school, so a fallback shows.</summary>
    public const string ListingSchool = "22000999";

    /// <summary>Bytes that are not UTF-8 (a lead byte and no continuation), put into a string by <see cref="WithInvalidUtf8"/>.</summary>
    public const string InvalidUtf8Text = "A\uFFFD(B";

    /// <summary>Every canonical field a person record holds, nested ones by their dotted path.</summary>
    public static readonly IReadOnlyList<string> PersonFields =
    [
        Fields.SourceKey, Fields.MoetCode, Fields.PersonalId, Fields.FullName, Fields.DateOfBirth, Fields.Gender, Fields.EthnicityCode,
        Fields.FatherName, Fields.MotherName, Fields.SchoolCode, Fields.Grade, Fields.ClassName, Fields.Status, Fields.Position,
        Fields.UpdatedAt, Fields.PopulationCheck, Fields.PopulationStatus, Fields.PopulationCheckedAt, Fields.DisputedFields,
        Fields.NationalHealth, .. Fields.Findings.Select(f => $"{Fields.NationalHealth}.{f}"),
    ];

    /// <summary>Every canonical field an SMS exam holds but its identity.</summary>
    public static readonly IReadOnlyList<string> ExamFields =
        [.. Fields.Findings.Select(f => $"{Fields.HealthExam}.{f}"), $"{Fields.HealthExam}.{Fields.UpdatedAt}"];

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

    /// <summary>The sample with several fields replaced, as <see cref="With"/> does each (a null value removes the field).</summary>
    public static JsonElement WithAll(string sample, params (string Field, string? RawValue)[] edits)
    {
        var json = sample;
        foreach (var (field, rawValue) in edits)
        {
            json = With(json, field, rawValue).GetRawText();
        }

        return Parse(json);
    }

    /// <summary>The sample with one field a string whose bytes are not valid UTF-8: the parser lets it through, reading it fails.</summary>
    public static JsonElement WithInvalidUtf8(string sample, string field)
    {
        const string Marker = "@@NOT-UTF8@@";
        var bytes = Encoding.UTF8.GetBytes(With(sample, field, $"\"{Marker}\"").GetRawText());
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker));
        byte[] invalid = [(byte)'A', 0xC3, (byte)'(', (byte)'B'];
        return JsonDocument.Parse((byte[])[.. bytes[..at], .. invalid, .. bytes[(at + Marker.Length)..]]).RootElement.Clone();
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The sample with its properties in reverse order and properties of every shape the mappers do not know, at every level.</summary>
    public static JsonElement Reordered(string sample)
    {
        static JsonNode? Rebuild(JsonNode? node, int depth)
        {
            if (node is not JsonObject source)
            {
                return node?.DeepClone();
            }

            var rebuilt = new JsonObject
            {
                [$"extra{depth}Null"] = null,
                [$"extra{depth}Object"] = new JsonObject { ["deep"] = new JsonArray(1, "x", new JsonObject()) },
            };
            foreach (var (name, value) in source.Reverse())
            {
                rebuilt[name] = Rebuild(value, depth + 1);
                // Another property's name in another case is another property.
                rebuilt[name.ToUpperInvariant() == name ? name.ToLowerInvariant() : name.ToUpperInvariant()] = "not this one";
            }

            rebuilt[$"extra{depth}Array"] = new JsonArray(true, 2.5, "z");
            return rebuilt;
        }

        return Parse(Rebuild(JsonNode.Parse(sample), 0)!.ToJsonString());
    }

    /// <summary>The sample with every string in it, at every level, between spaces and a tab.</summary>
    public static JsonElement Padded(string sample)
    {
        static JsonNode? Pad(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Pad(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Pad)]),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create($"  {v.GetValue<string>()} \t"),
            _ => node?.DeepClone(),
        };

        return Parse(Pad(JsonNode.Parse(sample))!.ToJsonString());
    }

    /// <summary>The same instant, 2026-10-01 07:15 UTC, written with the offsets an upstream may use.</summary>
    public static TheoryData<string> SameInstants => new()
    {
        "2026-10-01T07:15:00Z",
        "2026-10-01T14:15:00+07:00",
        "2026-10-01T07:15:00+00:00",
        "2026-09-30T23:15:00-08:00",
        "2026-10-01T07:15:00.000Z",
        "2026-10-01T16:45:00+09:30",
    };

    public static readonly DateTimeOffset TheInstant = new(2026, 10, 1, 7, 15, 0, TimeSpan.Zero);

    /// <summary>A table of bad values (field, raw JSON, canonical name, value kept) names every one of <paramref name="fields"/>, and no other.</summary>
    public static void AssertCoversEvery(IEnumerable<object?[]> table, int canonicalColumn, params string[] fields) =>
        Assert.Equal(fields.Order(StringComparer.Ordinal), table.Select(row => (string)row[canonicalColumn]!).Distinct().Order(StringComparer.Ordinal));

    public static QuarantinedRecord AssertQuarantined<T>(MappedRecord<T> mapped, JsonElement element)
        where T : class
    {
        Assert.Null(mapped.Record);
        var quarantined = Assert.IsType<QuarantinedRecord>(mapped.Quarantined);
        Assert.Equal(element.GetRawText(), quarantined.RawJson);
        Assert.NotEmpty(quarantined.Reasons);
        return quarantined;
    }

    /// <summary>The record that was kept (not quarantined).</summary>
    public static T AssertKept<T>(MappedRecord<T> mapped)
        where T : class
    {
        Assert.Null(mapped.Quarantined);
        return Assert.IsType<T>(mapped.Record);
    }

    /// <summary>
    /// The record was kept with exactly <paramref name="field"/> unreadable, <paramref name="raw"/> kept as received; that field
    /// (and what it holds) is unknown: null, <see cref="DateTimeOffset.MinValue"/> for updatedAt, the listing's school for the
    /// school code; every other field is as in <paramref name="good"/>. An unreadable status is not active.
    /// </summary>
    public static PersonRecord AssertUnreadable(MappedRecord<PersonRecord> mapped, PersonRecord good, string field, string raw)
    {
        var record = AssertKept(mapped);
        Assert.Equal(KeyValuePair.Create(field, raw), Assert.Single(record.Unreadable ?? new Dictionary<string, string>()));
        Assert.Null(record.UnknownCodes);
        Assert.False(record.IsPlaceholder);
        foreach (var name in PersonFields)
        {
            var expected = name == field || name.StartsWith(field + ".", StringComparison.Ordinal) ? Unknown(name) : ValueOf(good, name);
            Assert.Equal((name, expected), (name, ValueOf(record, name)));
        }

        Assert.Equal(field != Fields.Status && good.IsActive, record.IsActive);
        return record;
    }

    /// <summary>The exam was kept with exactly <paramref name="field"/> unreadable and unknown; everything else as in <paramref name="good"/>.</summary>
    public static HealthExamRecord AssertUnreadable(MappedRecord<HealthExamRecord> mapped, HealthExamRecord good, string field, string raw)
    {
        var exam = AssertKept(mapped);
        Assert.Equal(KeyValuePair.Create(field, raw), Assert.Single(exam.Unreadable ?? new Dictionary<string, string>()));
        Assert.Equal(good.ExamId, exam.ExamId);
        Assert.Equal(good.StudentKey, exam.StudentKey);
        Assert.Equal(good.SchoolCode, exam.SchoolCode);
        foreach (var name in ExamFields)
        {
            var expected = name == field ? Unknown(name[(Fields.HealthExam.Length + 1)..]) : ValueOf(good, name);
            Assert.Equal((name, expected), (name, ValueOf(exam, name)));
        }

        return exam;
    }

    /// <summary>
    /// The record was kept with <paramref name="field"/> holding <paramref name="code"/> as sent and listed as an unknown code,
    /// nothing unreadable, every other field as in <paramref name="good"/>; a status the list lacks is not active.
    /// </summary>
    public static PersonRecord AssertUnknownCode(MappedRecord<PersonRecord> mapped, PersonRecord good, string field, string code)
    {
        var record = AssertKept(mapped);
        Assert.Equal(KeyValuePair.Create(field, code), Assert.Single(record.UnknownCodes ?? new Dictionary<string, string>()));
        Assert.Null(record.Unreadable);
        foreach (var name in PersonFields)
        {
            Assert.Equal((name, name == field ? code : ValueOf(good, name)), (name, ValueOf(record, name)));
        }

        Assert.Equal(field != Fields.Status && good.IsActive, record.IsActive);
        return record;
    }

    /// <summary>The quarantined person's placeholder: only its key, MOET code, personal ID and school, and the reasons.</summary>
    public static PersonRecord AssertPlaceholder(
        QuarantinedRecord quarantined, Source source, PersonKind kind, string key, string? moetCode, string? personalId, string school)
    {
        var placeholder = Assert.IsType<PersonRecord>(quarantined.Placeholder);
        Assert.True(placeholder.IsPlaceholder);
        Assert.False(placeholder.IsActive);
        Assert.Equal(source, placeholder.Source);
        Assert.Equal(kind, placeholder.Kind);
        Assert.Equal(quarantined.Reasons, placeholder.QuarantineReasons);
        Assert.Null(placeholder.Unreadable);
        Assert.Null(placeholder.UnknownCodes);
        foreach (var name in PersonFields)
        {
            var expected = name switch
            {
                Fields.SourceKey => key,
                Fields.MoetCode => moetCode,
                Fields.PersonalId => personalId,
                Fields.SchoolCode => school,
                _ => Unknown(name),
            };
            Assert.Equal((name, expected), (name, ValueOf(placeholder, name)));
        }

        return placeholder;
    }

    /// <summary>Two records hold the same, field by field and in their unreadable values, unknown codes and reasons.</summary>
    public static void AssertSameRecord(PersonRecord expected, PersonRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    public static void AssertSameRecord(HealthExamRecord expected, HealthExamRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    /// <summary>A field's value by its canonical name, as text (dates ISO, instants round-trip), null when the record holds none.</summary>
    public static string? ValueOf(PersonRecord record, string field) => field switch
    {
        Fields.SourceKey => record.SourceKey,
        Fields.MoetCode => record.MoetCode,
        Fields.PersonalId => record.PersonalIdRaw,
        Fields.FullName => record.FullName,
        Fields.DateOfBirth => Text(record.DateOfBirth),
        Fields.Gender => record.Gender?.ToWire(),
        Fields.EthnicityCode => record.EthnicityCode,
        Fields.FatherName => record.FatherName,
        Fields.MotherName => record.MotherName,
        Fields.SchoolCode => record.SchoolCode,
        Fields.Grade => record.Grade?.ToString(CultureInfo.InvariantCulture),
        Fields.ClassName => record.ClassName,
        Fields.Status => record.Status,
        Fields.Position => record.Position,
        Fields.UpdatedAt => record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        Fields.PopulationCheck => record.PopulationCheck is null ? null : "present",
        Fields.PopulationStatus => record.PopulationCheck?.Status,
        Fields.PopulationCheckedAt => record.PopulationCheck?.CheckedAt?.ToString("O", CultureInfo.InvariantCulture),
        Fields.DisputedFields => record.PopulationCheck is { DisputedFields.Count: > 0 } check ? string.Join(",", check.DisputedFields) : null,
        Fields.NationalHealth => record.NationalHealth is null ? null : "present",
        _ when field.StartsWith(Fields.NationalHealth + ".", StringComparison.Ordinal) =>
            ValueOf(record.NationalHealth, field[(Fields.NationalHealth.Length + 1)..]),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a person field."),
    };

    public static string? ValueOf(HealthExamRecord exam, string field) => field == $"{Fields.HealthExam}.{Fields.UpdatedAt}"
        ? exam.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)
        : ValueOf(exam.Findings, field[(Fields.HealthExam.Length + 1)..]);

    private static string? ValueOf(HealthFindings? findings, string finding) => findings is null ? null : finding switch
    {
        Fields.ExamDate => Text(findings.ExamDate),
        Fields.HeightCm => findings.HeightCm?.ToString(CultureInfo.InvariantCulture),
        Fields.WeightKg => findings.WeightKg?.ToString(CultureInfo.InvariantCulture),
        Fields.Bmi => findings.Bmi?.ToString(CultureInfo.InvariantCulture),
        Fields.BloodGroup => findings.BloodGroup,
        Fields.EyeCondition => findings.EyeCondition,
        Fields.CongenitalCondition => findings.CongenitalCondition,
        Fields.SpineCondition => findings.SpineCondition,
        Fields.CanSwim => findings.CanSwim?.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "Not a finding."),
    };

    /// <summary>What an unknown field reads as: null, but the oldest instant for updatedAt and the listing's school for the school.</summary>
    private static string? Unknown(string field) => field switch
    {
        Fields.UpdatedAt => DateTimeOffset.MinValue.ToString("O", CultureInfo.InvariantCulture),
        Fields.SchoolCode => ListingSchool,
        _ => null,
    };

    private static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
