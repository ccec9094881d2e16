using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Sync.Notifications;

public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // No request logging on this client: a webhook URL often carries its secret in the path.
        services.AddHttpClient(NotificationPublisher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        services.AddScoped<NotificationPublisher>();
        return services;
    }
}
