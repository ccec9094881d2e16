using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Sync.Telemetry;

public static class SyncTelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddSyncTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<OpenItemsSnapshot>();
        services.AddSingleton<SyncTelemetry>();
        return services;
    }
}
