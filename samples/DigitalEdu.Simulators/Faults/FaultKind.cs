using System.Text.Json;

namespace DigitalEdu.Simulators.Faults;

/// <summary>What can go wrong with one upstream call, as the contracts say it may: errors, rate limits, stalls, broken bodies, bad records.</summary>
public enum FaultKind
{
    /// <summary>500 problem+json.</summary>
    Status500,

    /// <summary>502 problem+json, as a gateway in front of the upstream answers.</summary>
    Status502,

    /// <summary>503 problem+json with Retry-After.</summary>
    Status503,

    /// <summary>429 problem+json with Retry-After.</summary>
    Status429,

    /// <summary>No answer at all: the request is held until the client gives up.</summary>
    Hang,

    /// <summary>The right answer, late.</summary>
    Slow,

    /// <summary>A 200 whose body stops mid-JSON and whose connection is then cut.</summary>
    Truncated,

    /// <summary>401 on a token that was valid, and the token is revoked: the client must fetch a new one. Bearer upstreams only.</summary>
    ExpiredToken,

    /// <summary>Extra malformed records on a page, from <see cref="MalformedRecords"/>; they belong to nobody. Paged listings only.</summary>
    Malformed,
}

public static class FaultKinds
{
    public static readonly IReadOnlyList<FaultKind> All = Enum.GetValues<FaultKind>();

    /// <summary>The wire name: camelCase, e.g. <c>status500</c>, <c>expiredToken</c>.</summary>
    public static string WireName(this FaultKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static bool TryParse(string? name, out FaultKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
