using System.Diagnostics;
using System.Text;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>
/// The service as a separate worker process (<c>dotnet DigitalEdu.Service.dll --Role worker</c>), configured through environment
/// variables as a deployment would be, so a test can kill it for real (SIGKILL) and start another.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the worker wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts a worker with the host's settings plus <paramref name="overrides"/>; the build output is its content root.</summary>
    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings, string name, IDictionary<string, string?>? overrides = null)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { Path.Combine(folder, "DigitalEdu.Service.dll"), "--Role", "worker", "--contentRoot", folder })
        {
            start.ArgumentList.Add(argument);
        }

        var merged = settings.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        foreach (var (key, value) in merged)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // A worker still hosts Kestrel (health endpoints); a free port keeps two of them apart.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return new WorkerProcess(Process.Start(start)!, name);
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no releasing of anything; as a crashed machine.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }
}
