using System.Globalization;
using System.Runtime.InteropServices;

namespace DigitalEdu.Simulators;

/// <summary>
/// Runs the three simulators until stopped. An explicit entry point rather than top-level statements, so this assembly adds no
/// global <c>Program</c> type next to the service's in the test project, which references both.
/// </summary>
public static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions options;
        try
        {
            options = ParseArguments(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Stop in order (dispose the listeners) rather than be torn down mid-request.
            context.Cancel = true;
            stop.Cancel();
        });

        await using var host = await SimulatorHost.StartAsync(options, stop.Token);
        Console.WriteLine($"SMS        {host.SmsUrl}");
        Console.WriteLine($"provincial {host.ProvincialUrl}");
        Console.WriteLine($"national   {host.NationalUrl}");
        Console.Write(Truth.GroundTruthBuilder.Summary(host.GroundTruth));
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped by Ctrl+C or the process ending: dispose and leave.
        }

        return 0;
    }

    private const string Usage =
        "usage: DigitalEdu.Simulators [--seed N] [--schools N] [--persons N] [--province NN] [--sms-port P] [--provincial-port P] "
        + "[--national-port P] [--ground-truth PATH] [--token-lifetime SECONDS] [--listen ADDRESS] [--vendor-variation on|off]";

    public static SimulatorOptions ParseArguments(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--seed" => options with { Seed = Int(name, value) },
                "--schools" => options with { Schools = Int(name, value) },
                "--persons" => options with { Persons = Int(name, value) },
                "--province" => options with { ProvinceCode = value },
                "--sms-port" => options with { SmsPort = Int(name, value) },
                "--provincial-port" => options with { ProvincialPort = Int(name, value) },
                "--national-port" => options with { NationalPort = Int(name, value) },
                "--ground-truth" => options with { GroundTruthPath = value },
                "--token-lifetime" => options with { TokenLifetime = TimeSpan.FromSeconds(Int(name, value)) },
                "--vendor-variation" => options with { VendorVariation = OnOff(name, value) },
                "--listen" => options with { ListenAddress = System.Net.IPAddress.TryParse(value, out var address) ? address : throw new ArgumentException($"{name} needs an IP address, not '{value}'.") },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static bool OnOff(string name, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"{name} needs on or off, not '{value}'."),
    };

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} needs a whole number, not '{value}'.");
}
