using Microsoft.AspNetCore.Builder;

namespace DigitalEdu.Simulators;

/// <summary>What to generate and where to serve it. Defaults give the standard data set: seed 42, 20 schools, about 6,000 persons.</summary>
public sealed record SimulatorOptions
{
    public int Seed { get; init; } = 42;

    public int Schools { get; init; } = 20;

    /// <summary>Persons to generate (students and staff together; about one in twelve is staff).</summary>
    public int Persons { get; init; } = 6000;

    /// <summary>Two-digit province code; personal IDs of persons born here start with "0" + this code.</summary>
    public string ProvinceCode { get; init; } = "22";

    /// <summary>Port of each listener; 0 lets the system choose (tests).</summary>
    public int SmsPort { get; init; } = 5101;

    public int ProvincialPort { get; init; } = 5102;

    public int NationalPort { get; init; } = 5103;

    /// <summary>Where the listeners bind: loopback by default; a container passes 0.0.0.0 so its neighbours can reach it.</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>Where to write the ground truth as JSON; null writes nothing (it is served at /admin/ground-truth either way).</summary>
    public string? GroundTruthPath { get; init; }

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3600);

    public SimulatorCredentials Credentials { get; init; } = new();

    /// <summary>Share of each person kind that gets each planted discrepancy detail.</summary>
    public double PlantShare { get; init; } = 0.01;

    /// <summary>At least this many persons per planted detail and person kind, so small data sets still show every kind.</summary>
    public int MinimumPlantsPerDetail { get; init; } = 2;

    /// <summary>
    /// Whether the upstreams vary what their contract allows, on a small share of clean persons: codes outside the contract's
    /// examples, timestamps with a +07:00 offset, extra properties in any order, keys with stray spaces, a few impossible values
    /// and a few records without their key. On by default, as real vendors send it; the benchmark switches it off so its figures
    /// stay comparable with earlier runs.
    /// </summary>
    public bool VendorVariation { get; init; } = true;

    /// <summary>
    /// The slot where fault injection (latency, 429, 5xx, cut-off bodies) plugs in: called for each listener before its endpoints,
    /// so a fault middleware sees every request the upstream would see.
    /// </summary>
    public Action<UpstreamSource, IApplicationBuilder>? ConfigurePipeline { get; init; }

    /// <summary>The same options on ports the system chooses, for tests running side by side.</summary>
    public SimulatorOptions WithFreePorts() => this with { SmsPort = 0, ProvincialPort = 0, NationalPort = 0 };
}
