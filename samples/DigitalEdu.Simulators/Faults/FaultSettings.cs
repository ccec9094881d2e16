using System.Text.Json;

namespace DigitalEdu.Simulators.Faults;

/// <summary>
/// What one upstream injects. <see cref="Rate"/> is the share of data calls that get a fault; the kind of each is drawn from
/// <see cref="Kinds"/>. The draw is a hash of (seed, upstream, request, how often that request was seen), so the same sequence of
/// requests gets the same faults, and asking again for a page draws anew, as a retry must.
/// </summary>
public sealed record FaultSettings
{
    public double Rate { get; init; }

    public IReadOnlyList<FaultKind> Kinds { get; init; } = FaultKinds.All;

    /// <summary>Mixed into every draw; null uses the data seed.</summary>
    public int? Seed { get; init; }

    /// <summary>How late a slow answer is.</summary>
    public int SlowMilliseconds { get; init; } = 1500;

    /// <summary>The Retry-After of 429 and 503 answers.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>How many malformed records a malformed page carries (at most all that fit the listing).</summary>
    public int MalformedPerPage { get; init; } = 1;

    /// <summary>A hang is given up by the simulator itself after this long, so a client without a timeout does not leak it forever.</summary>
    public int HangLimitSeconds { get; init; } = 120;

    public static FaultSettings Every(double rate, params FaultKind[] kinds) =>
        new() { Rate = rate, Kinds = kinds.Length == 0 ? FaultKinds.All : kinds };

    /// <summary>
    /// Reads the admin body, e.g. <c>{"rate":0.3,"kinds":["status500","hang"],"seed":7,"slowMs":300,"retryAfterSeconds":1,"malformedPerPage":1}</c>.
    /// Returns the reason when the body is not acceptable.
    /// </summary>
    public static FaultSettings Parse(JsonElement body, out string? error)
    {
        error = null;
        var settings = new FaultSettings();
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object such as {\"rate\":0.3,\"kinds\":[\"status500\",\"hang\"]}.";
            return settings;
        }

        foreach (var property in body.EnumerateObject())
        {
            // TryGetDouble and TryGetInt32 throw on a string or null; a wrong type is a bad request, not a crash.
            var number = property.Value.ValueKind == JsonValueKind.Number;
            switch (property.Name)
            {
                case "rate" when number && property.Value.TryGetDouble(out var rate) && rate is >= 0 and <= 1:
                    settings = settings with { Rate = rate };
                    break;
                case "rate":
                    error = "rate must be a number from 0 to 1.";
                    return settings;
                case "kinds" when property.Value.ValueKind == JsonValueKind.Array:
                    var kinds = new List<FaultKind>();
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String || !FaultKinds.TryParse(item.GetString(), out var kind))
                        {
                            error = $"kinds: {item} is not one of {string.Join(", ", FaultKinds.All.Select(k => k.WireName()))}.";
                            return settings;
                        }

                        kinds.Add(kind);
                    }

                    settings = settings with { Kinds = kinds.Count == 0 ? FaultKinds.All : kinds.Distinct().ToArray() };
                    break;
                case "kinds":
                    error = "kinds must be an array of fault kind names.";
                    return settings;
                case "seed" when number && property.Value.TryGetInt32(out var seed):
                    settings = settings with { Seed = seed };
                    break;
                case "slowMs" when number && property.Value.TryGetInt32(out var slow) && slow is >= 0 and <= 600_000:
                    settings = settings with { SlowMilliseconds = slow };
                    break;
                case "retryAfterSeconds" when number && property.Value.TryGetInt32(out var retryAfter) && retryAfter is >= 0 and <= 3600:
                    settings = settings with { RetryAfterSeconds = retryAfter };
                    break;
                case "malformedPerPage" when number && property.Value.TryGetInt32(out var perPage) && perPage is >= 1 and <= 1000:
                    settings = settings with { MalformedPerPage = perPage };
                    break;
                case "hangLimitSeconds" when number && property.Value.TryGetInt32(out var limit) && limit is >= 1 and <= 3600:
                    settings = settings with { HangLimitSeconds = limit };
                    break;
                default:
                    error = $"{property.Name}: unknown setting or value out of range.";
                    return settings;
            }
        }

        return settings;
    }
}
