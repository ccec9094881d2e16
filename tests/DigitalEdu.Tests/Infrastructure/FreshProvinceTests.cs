using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// A test class with a province of its own: the simulators on their default data and a service host over a fresh database,
/// started before the class's tests and stopped after them. For tests that change upstream records or items, and so cannot share
/// an already synced province.
/// </summary>
public abstract class FreshProvinceTests : IAsyncLifetime
{
    protected SimulatorHost Simulators { get; private set; } = null!;

    protected DigitalEduApp App { get; private set; } = null!;

    /// <summary>The simulators' data: their defaults unless a class needs other data.</summary>
    protected virtual SimulatorOptions Data => new();

    /// <summary>Settings of the service beyond the test defaults.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Simulators = await SimulatorHost.StartAsync(Data.WithFreePorts(), CancellationToken.None);
        App = await DigitalEduApp.StartAsync(Simulators, Settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Simulators.DisposeAsync();
    }
}
