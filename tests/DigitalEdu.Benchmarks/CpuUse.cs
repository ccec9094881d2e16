using System.Diagnostics;

namespace DigitalEdu.Benchmarks;

/// <summary>
/// CPU seconds used so far by the service process, by PostgreSQL and by this process (the simulators), read from /proc.
/// CPU is steadier than wall time on a shared 2-core machine, and says which process a phase's time went to.
/// PostgreSQL's backends come and go (parallel workers, closed connections): the postmaster's count of its ended children is
/// added to the live processes', so nothing that ran is lost.
/// </summary>
internal sealed record CpuUse(double Service, double Postgres, double Simulators)
{
    private static readonly double TicksPerSecond = 100;

    public static CpuUse Now(int servicePid) =>
        new(ProcessSeconds(servicePid), PostgresSeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    public static CpuUse operator -(CpuUse after, CpuUse before) =>
        new(after.Service - before.Service, after.Postgres - before.Postgres, after.Simulators - before.Simulators);

    public override string ToString() =>
        FormattableString.Invariant($"CPU s: service {Service:F1}, PostgreSQL {Postgres:F1}, simulators {Simulators:F1}");

    private static double ProcessSeconds(int pid) => Stat(pid) is { } fields ? (fields[11] + fields[12]) / TicksPerSecond : 0;

    private static double PostgresSeconds()
    {
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } fields || Comm(pid) != "postgres")
            {
                continue;
            }

            ticks += fields[11] + fields[12];

            // The postmaster (parent not postgres) also carries the CPU of the children it has reaped.
            if (Comm((int)fields[1]) != "postgres")
            {
                ticks += fields[13] + fields[14];
            }
        }

        return ticks / TicksPerSecond;
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The fields of /proc/PID/stat after the command name (index 0 is the state), as numbers where they are.</summary>
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Select(f => long.TryParse(f, out var n) ? n : 0).ToArray();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
