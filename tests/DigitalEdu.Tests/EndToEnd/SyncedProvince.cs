using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>Simulators, the service on a fresh database, and one full run done: shared by the read-only tests of a class.</summary>
public sealed class SyncedProvince : IAsyncLifetime
{
    public SimulatorHost Simulators { get; private set; } = null!;

    public DigitalEduApp App { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public RunResult FirstRun { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        App = await DigitalEduApp.StartAsync(Simulators);
        Operator = await App.CreateClientAsync("operator");
        FirstRun = await DigitalEduApp.RunSyncAsync(Operator);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Simulators.DisposeAsync();
    }
}
