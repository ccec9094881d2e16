using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Scenarios;

/// <summary>
/// What the turnover scenario changed: the schools whose pupils moved up a grade, how many pupils, and the findings a reconcile
/// must show while only the SMS side has turned over (one per school, its detail the side that has not: <c>national</c>).
/// </summary>
public sealed record TurnoverTruth(IReadOnlyList<string> Schools, int Pupils, string Behind);

/// <summary>
/// The school year turning over, one system after the other: first the SMS (and the provincial copy it feeds) moves every
/// studying pupil of a few schools up a grade, class names with it (8A2 → 9A2); later the national database does the same for
/// the same pupils. Pupils of a school's last grade (leaving) and of preschool (staying in preschool) are not moved, nor a
/// pupil whose MOET code two SMS records share (a half-done transfer, held by the reconcile), so that once both sides have
/// turned over the items are exactly the ground truth's.
/// </summary>
internal sealed partial class SchoolYearTurnover(RecordStore store)
{
    private readonly HashSet<string> _moetCodes = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Turns the SMS and the provincial copy over for the first <paramref name="count"/> schools with more than one grade.</summary>
    public TurnoverTruth TurnOverSms(int count)
    {
        lock (_gate)
        {
            var schools = store.Schools.Where(s => s.MaxGrade > s.MinGrade && s.MinGrade > 0 && s.Level != "GDTX")
                .OrderBy(s => s.Code, StringComparer.Ordinal).Take(count).ToList();
            var chosen = schools.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            var sms = store[DatasetDefinition.SmsStudents];
            var fields = WireFieldNames.For(DatasetDefinition.SmsStudents);

            // MOET codes two active SMS records share are left alone (see the summary).
            var shared = sms.All().Select(e => Parse(e)).Where(r => r is not null && Text(r, "status") == "studying" && Text(r, fields.MoetCode!) is not null)
                .GroupBy(r => Text(r!, fields.MoetCode!)).Where(g => g.Count() > 1).Select(g => g.Key!).ToHashSet(StringComparer.Ordinal);

            var moved = new HashSet<string>(StringComparer.Ordinal);
            var pupils = sms.ReplaceMany(
                entry => chosen.Contains(entry.SchoolCode) && Parse(entry) is { } record && Text(record, "status") == "studying"
                    && Grade(record, fields.Grade!) is { } grade && grade > 0 && grade < store.SchoolsByCode[entry.SchoolCode].MaxGrade
                    && (Text(record, fields.MoetCode!) is not { } moet || !shared.Contains(moet)),
                entry =>
                {
                    var record = Parse(entry)!;
                    if (Text(record, fields.MoetCode!) is { } moet)
                    {
                        moved.Add(moet);
                    }

                    return MoveUp(entry, record, DatasetDefinition.SmsStudents);
                });
            _moetCodes.UnionWith(moved);
            MoveUp(DatasetDefinition.ProvincialLearners, moved);
            return new TurnoverTruth([.. chosen.Order(StringComparer.Ordinal)], pupils, "national");
        }
    }

    /// <summary>Turns the national database over for the pupils the SMS moved; returns how many records it changed.</summary>
    public int TurnOverNational()
    {
        lock (_gate)
        {
            return MoveUp(DatasetDefinition.NationalStudents, _moetCodes);
        }
    }

    private int MoveUp(DatasetDefinition dataset, IReadOnlySet<string> moetCodes) =>
        store[dataset].ReplaceMany(entry => moetCodes.Contains(entry.Key), entry => MoveUp(entry, Parse(entry)!, dataset));

    private RecordEntry MoveUp(RecordEntry entry, JsonObject record, DatasetDefinition dataset)
    {
        var fields = WireFieldNames.For(dataset);
        if (Grade(record, fields.Grade!) is { } grade)
        {
            record[fields.Grade!] = grade + 1;
            // A class is named by its grade (8A2), which moves up with the pupil, even where a record's grade was typed wrong.
            if (Text(record, fields.ClassName!) is { } className && LeadingGrade().Match(className) is { Success: true } digits)
            {
                var classGrade = int.Parse(digits.Value, System.Globalization.CultureInfo.InvariantCulture);
                record[fields.ClassName!] = (classGrade + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + className[digits.Length..];
            }
        }

        var stamp = store.Clock.Next();
        record[dataset.UpdatedField] = WireFormats.Instant(stamp);
        return entry with { UpdatedTicks = stamp.Ticks, Json = JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Wire.JsonObject) };
    }

    private static JsonObject? Parse(RecordEntry entry)
    {
        try
        {
            return JsonNode.Parse(entry.Json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject record, string field) =>
        record[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Grade(JsonObject record, string field) =>
        record[field] is JsonValue value && value.TryGetValue<int>(out var grade) ? grade : null;

    [GeneratedRegex("^[0-9]+")]
    private static partial Regex LeadingGrade();
}
