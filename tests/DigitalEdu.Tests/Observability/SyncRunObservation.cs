using System.Collections.Concurrent;
using System.Globalization;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Tests.Observability;

/// <summary>
/// One full sync against the simulators with every span, metric and log line kept, shared by the tests that read them.
/// The upstream credentials are fresh random values, and the simulators note every bearer token the service sends, so a
/// secret found in a log line cannot be a coincidence.
/// </summary>
public sealed class SyncRunObservation : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, bool> bearerTokens = new(StringComparer.Ordinal);

    public SimulatorHost Simulators { get; private set; } = null!;

    public ObservedApp App { get; private set; } = null!;

    public RunResult Run { get; private set; } = null!;

    public string OperatorToken { get; private set; } = "";

    public string MetricsScrape { get; private set; } = "";

    public IReadOnlyCollection<string> BearerTokens => [.. bearerTokens.Keys];

    public const int RecordsPerCommit = 500;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions
        {
            Credentials = new SimulatorCredentials
            {
                SmsClientSecret = "sms-" + Guid.NewGuid().ToString("N"),
                NationalClientSecret = "moet-" + Guid.NewGuid().ToString("N"),
                ProvincialApiKey = "prov-" + Guid.NewGuid().ToString("N"),
            },
            ConfigurePipeline = (_, app) => app.Use((HttpContext context, RequestDelegate next) =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    bearerTokens.TryAdd(authorization["Bearer ".Length..], true);
                }

                return next(context);
            }),
        }.WithFreePorts();
        Simulators = await SimulatorHost.StartAsync(options, CancellationToken.None);
        // Commits are bounded by records as well as by pulls: low enough here that blocks of school listings split.
        App = await ObservedApp.StartAsync(Simulators, new Dictionary<string, string?> { ["Sync:RecordsPerCommit"] = RecordsPerCommit.ToString(CultureInfo.InvariantCulture) });
        var (client, token) = await App.CreateClientAsync("operator");
        OperatorToken = token;
        Run = await DigitalEduApp.RunSyncAsync(client);
        MetricsScrape = await client.GetStringAsync("/metrics");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Simulators.DisposeAsync();
    }
}
