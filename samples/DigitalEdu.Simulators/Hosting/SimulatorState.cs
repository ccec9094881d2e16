using System.Text.Json;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Simulators.Store;
using DigitalEdu.Simulators.Truth;
using DigitalEdu.Simulators.Wire;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>What the three listeners share: the data, the ground truth (pre-serialised once), the tokens and the options.</summary>
internal sealed class SimulatorState(SimulatorOptions options, RecordStore store, GroundTruth groundTruth)
{
    public SimulatorOptions Options { get; } = options;

    public RecordStore Store { get; } = store;

    public GroundTruth GroundTruth { get; } = groundTruth;

    public byte[] GroundTruthJson { get; } = JsonSerializer.SerializeToUtf8Bytes(groundTruth, WireJsonContext.Wire.GroundTruth);

    public string GroundTruthSummary { get; } = GroundTruthBuilder.Summary(groundTruth);

    public TokenIssuer Tokens { get; } = new(options.TokenLifetime);

    /// <summary>The school-year turnover scenario (admin endpoints or <see cref="SimulatorHost"/>).</summary>
    public Scenarios.SchoolYearTurnover Turnover { get; } = new(store);

    /// <summary>One fault injector per listener, off until switched on (admin endpoint or <see cref="SimulatorHost"/>).</summary>
    public IReadOnlyDictionary<UpstreamSource, FaultInjector> Faults { get; } =
        Enum.GetValues<UpstreamSource>().ToDictionary(source => source, source => new FaultInjector(source, options.Seed));
}
