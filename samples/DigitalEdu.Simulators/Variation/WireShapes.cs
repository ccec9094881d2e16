using System.Globalization;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Variation;

/// <summary>
/// What the contract allows a record's shape to be, beyond the simulator's own habits: instants in local time with their
/// offset, keys and codes with stray spaces, properties nobody asked for, properties in any order. None of it changes what
/// the record says.
/// </summary>
internal static class WireShapes
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The record's update time, and the national population check's time, as the same instant written in +07:00.</summary>
    public static void OffsetTimestamps(JsonObject record, DatasetDefinition dataset)
    {
        ToLocalTime(record, dataset.UpdatedField);
        if (record["XAC_THUC_DAN_CU"] is JsonObject check)
        {
            ToLocalTime(check, "THOI_DIEM");
        }
    }

    /// <summary>Spaces before, after or around the key, MOET code, personal ID, school code, status and ethnicity code.</summary>
    public static void PadKeysAndCodes(JsonObject record, DatasetDefinition dataset, Random random)
    {
        string?[] fields = dataset == DatasetDefinition.SmsHealthExams
            ? ["examId", "studentId"]
            : PersonFields(WireFieldNames.For(dataset));
        foreach (var field in fields)
        {
            if (field is not null && record[field] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                record[field] = random.Next(3) switch
                {
                    0 => " " + text,
                    1 => text + "  ",
                    _ => " " + text + " ",
                };
            }
        }
    }

    /// <summary>One to three properties of a newer version of the vendor's API, which a reader must pass over.</summary>
    public static void AddUnknownProperties(JsonObject record, Random random)
    {
        var first = random.Next(3);
        for (var i = 0; i < 3; i++)
        {
            if (i != first && random.Next(2) == 0)
            {
                continue;
            }

            switch (i)
            {
                case 0:
                    record["x_vendor"] = new JsonObject { ["ver"] = random.Next(2, 6) };
                    break;
                case 1:
                    record["_links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = $"/records/{random.Next(1, 1_000_000)}" });
                    break;
                default:
                    record["ghiChu"] = random.Next(2) == 0 ? "Đã đối chiếu với sổ đăng bộ" : "Cập nhật theo quyết định của Phòng GD";
                    break;
            }
        }
    }

    /// <summary>The properties of the record, and of its nested objects, in another order.</summary>
    public static void ShuffleProperties(JsonObject record, Random random)
    {
        var properties = record.ToList();
        if (properties.Count < 2)
        {
            return;
        }

        record.Clear();
        var order = Enumerable.Range(0, properties.Count).ToArray();
        random.Shuffle(order);
        if (order.SequenceEqual(Enumerable.Range(0, properties.Count)))
        {
            // The identity permutation would be no variation at all; a rotation always moves something.
            order = [.. order[1..], order[0]];
        }

        foreach (var index in order)
        {
            var (name, value) = properties[index];
            if (value is JsonObject nested)
            {
                ShuffleProperties(nested, random);
            }

            record.Add(name, value);
        }
    }

    private static string?[] PersonFields(WireFieldNames names) =>
        [names.Key, names.MoetCode, names.PersonalId, names.SchoolCode, names.Status, names.EthnicityCode];

    private static void ToLocalTime(JsonObject record, string field)
    {
        if (record[field] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return;
        }

        var local = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToOffset(VietnamOffset);
        var format = local.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
        record[field] = local.ToString(format, CultureInfo.InvariantCulture);
    }
}
