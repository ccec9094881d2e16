using System.Text.Json.Nodes;
using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

/// <summary>Everything the three simulated upstreams serve in a full snapshot, read once over HTTP, as a client would.</summary>
public sealed class ServedData
{
    private ServedData(IReadOnlyList<JsonObject> smsSchools, IReadOnlyList<JsonObject> nationalSchools, IReadOnlyList<ServedRecord> records)
    {
        SmsSchools = smsSchools;
        NationalSchools = nationalSchools;
        Records = records;
    }

    public IReadOnlyList<JsonObject> SmsSchools { get; }

    public IReadOnlyList<JsonObject> NationalSchools { get; }

    public IReadOnlyList<ServedRecord> Records { get; }

    public IEnumerable<ServedRecord> Of(string dataset) => Records.Where(r => r.Dataset == dataset);

    public static async Task<ServedData> ReadAsync(SimulatorHost host, UpstreamClient client)
    {
        var province = host.ProvinceCode;
        var smsSchools = (await client.GetJsonAsync(UpstreamSource.Sms, "/api/v1/schools"))["items"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var nationalSchools = (await client.GetJsonAsync(UpstreamSource.National, $"/api/v1/provinces/{province}/schools"))["items"]!.AsArray()
            .Select(s => s!.AsObject()).ToList();
        var records = new List<ServedRecord>();
        foreach (var school in smsSchools.Select(s => s["schoolCode"]!.GetValue<string>()))
        {
            foreach (var (segment, dataset) in new[] { ("students", "sms-students"), ("staff", "sms-staff"), ("health-exams", "sms-health-exams") })
            {
                var items = await client.WalkAsync(UpstreamSource.Sms, $"/api/v1/schools/{school}/{segment}?");
                records.AddRange(items.Select(i => new ServedRecord(dataset, school, i)));
            }
        }

        foreach (var (source, path, dataset) in new[]
        {
            (UpstreamSource.Provincial, "/api/v1/learners?", "provincial-learners"),
            (UpstreamSource.Provincial, "/api/v1/staff?", "provincial-staff"),
            (UpstreamSource.National, $"/api/v1/provinces/{province}/students?", "national-students"),
            (UpstreamSource.National, $"/api/v1/provinces/{province}/staff?", "national-staff"),
        })
        {
            var items = await client.WalkAsync(source, path);
            // A whole-province listing is for no one school: the record's own school field says where it belongs.
            records.AddRange(items.Select(i => new ServedRecord(dataset, WireReading.Text(i[WireReading.Names(dataset).SchoolCode])?.Trim() ?? "", i)));
        }

        return new ServedData(smsSchools, nationalSchools, records);
    }
}

/// <summary>Two default data sets, one with vendor variation and one without, each read whole once and shared by a test class.</summary>
public sealed class VariationFixture : IAsyncLifetime
{
    public SimulatorHost On { get; private set; } = null!;

    public SimulatorHost Off { get; private set; } = null!;

    public ServedData OnServed { get; private set; } = null!;

    public ServedData OffServed { get; private set; } = null!;

    public UpstreamClient OnClient { get; private set; } = null!;

    public SimulatorHost Host(bool variation) => variation ? On : Off;

    public ServedData Served(bool variation) => variation ? OnServed : OffServed;

    public async Task InitializeAsync()
    {
        On = await SimulatorHost.StartAsync(new SimulatorOptions().WithFreePorts(), CancellationToken.None);
        Off = await SimulatorHost.StartAsync(new SimulatorOptions { VendorVariation = false }.WithFreePorts(), CancellationToken.None);
        OnClient = new UpstreamClient(On);
        using var offClient = new UpstreamClient(Off);
        OnServed = await ServedData.ReadAsync(On, OnClient);
        OffServed = await ServedData.ReadAsync(Off, offClient);
    }

    public async Task DisposeAsync()
    {
        OnClient.Dispose();
        await On.DisposeAsync();
        await Off.DisposeAsync();
    }
}
