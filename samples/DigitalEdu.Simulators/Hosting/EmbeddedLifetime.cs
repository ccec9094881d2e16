using Microsoft.Extensions.Hosting;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>
/// The listeners are parts of one host, not programs of their own: they must not take over Ctrl+C or SIGTERM (the default console
/// lifetime would swallow the signal and keep the process alive). The owner of the process decides when to stop.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
