using System.Diagnostics;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// A command of the service (<c>dotnet DigitalEdu.Service.dll revoke-token --id 3</c>) run as its own process from the
/// service's build output, configured through environment variables as on a server, to its end.
/// </summary>
public static class ServiceCommand
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var folder = ProcessHost.BuildOutput;
        using var process = Process.Start(ProcessHost.Prepare(settings, folder, [.. arguments, "--contentRoot", folder]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }
}
