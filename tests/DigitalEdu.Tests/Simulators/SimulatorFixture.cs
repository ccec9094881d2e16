using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

/// <summary>One simulator host with the default data set on free ports, shared by the read-only tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public UpstreamClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        Client = new UpstreamClient(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
