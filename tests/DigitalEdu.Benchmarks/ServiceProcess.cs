using System.Diagnostics;

namespace DigitalEdu.Benchmarks;

/// <summary>The service as its own process, so its memory is its own; configuration goes in through the environment.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private long peakRssKb;

    private ServiceProcess(Process process) => this.process = process;

    public int Id => process.Id;

    /// <summary>The service's build output; <c>--service-directory</c> points it at a published one (as a deployment runs it).</summary>
    public static string ServiceDirectory { get; set; } = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "DigitalEdu.Service", "bin", "Release", "net10.0"));

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = Prepare(environment, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"  [service {process.Id}] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process);
    }

    /// <summary>Runs a command of the service (migrate, create-token) to its end and returns its standard output.</summary>
    public static async Task<string> RunCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = Prepare(environment, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"service {string.Join(' ', arguments)} failed: {await error}");
        }

        return (await output).Trim();
    }

    /// <summary>Peak resident memory so far (VmHWM), sampled from /proc: the kernel keeps the high-water mark for us.</summary>
    public long PeakRssMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                peakRssKb = Math.Max(peakRssKb, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
            }
        }
        catch (IOException)
        {
            // The process has ended; the last sample stands.
        }

        return peakRssKb / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        PeakRssMegabytes();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static ProcessStartInfo Prepare(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ServiceDirectory };
        start.ArgumentList.Add(Path.Combine(ServiceDirectory, "DigitalEdu.Service.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(ServiceDirectory);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
