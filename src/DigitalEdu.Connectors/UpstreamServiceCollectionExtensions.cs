using System.Text.Json;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Auth;
using DigitalEdu.Connectors.Clients;
using DigitalEdu.Connectors.Configuration;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Connectors.Reading;
using DigitalEdu.Connectors.Resilience;
using DigitalEdu.Connectors.Telemetry;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the three upstream clients with their auth and resilience, the mappers, and the page reader.</summary>
public static class UpstreamServiceCollectionExtensions
{
    private static readonly RefitSettings ClientSettings = new(new BufferedJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    public static IServiceCollection AddUpstreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound from the configuration handed in (rather than the one in the container) so a caller can scope it.
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProvincialOptions>().Bind(configuration.GetSection(ProvincialOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NationalOptions>().Bind(configuration.GetSection(NationalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<UpstreamTelemetry>();
        services.TryAddSingleton<PersonRecordValidator>();
        services.TryAddSingleton<HealthExamRecordValidator>();
        services.TryAddSingleton<SmsRecordMapper>();
        services.TryAddSingleton<ProvincialRecordMapper>();
        services.TryAddSingleton<NationalRecordMapper>();

        AddOAuthClient<ISmsApi, SmsOptions>(services, Source.Sms);
        AddOAuthClient<INationalApi, NationalOptions>(services, Source.National);

        var provincial = services.AddRefitGeneratedClient<IProvincialApi>(ClientSettings).ConfigureHttpClient(ConfigureBase<ProvincialOptions>);
        AddResilience<ProvincialOptions>(provincial);
        provincial.AddHttpMessageHandler(sp => new ApiKeyHandler(() => sp.GetRequiredService<IOptions<ProvincialOptions>>().Value.ApiKey));
        AddMetrics(provincial, Source.Provincial);
        provincial.AddHttpMessageHandler(() => new ResponseBufferingHandler());

        services.TryAddTransient<IUpstreamPageReader, UpstreamPageReader>();
        services.TryAddTransient<ISchoolDirectory, SchoolDirectory>();
        return services;
    }

    private static void AddOAuthClient<TApi, TOptions>(IServiceCollection services, Source upstream)
        where TApi : class
        where TOptions : OAuthUpstreamOptions
    {
        // The token endpoint has its own client: it must not pass through the bearer handler it serves.
        var tokenClientName = $"{typeof(TApi).Name}.Token";
        var tokenClient = services.AddHttpClient(tokenClientName).ConfigureHttpClient(ConfigureBase<TOptions>);
        AddResilience<TOptions>(tokenClient);
        AddMetrics(tokenClient, upstream);
        tokenClient.AddHttpMessageHandler(() => new ResponseBufferingHandler());

        services.TryAddKeyedSingleton(upstream, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new OAuthTokenProvider(
                upstream,
                // A fresh client per token request lets the factory rotate its handlers; tokens are requested rarely.
                () => RestService.ForGenerated<IOAuthTokenApi>(factory.CreateClient(tokenClientName), ClientSettings),
                new OAuthClientCredentials(options.ClientId, options.ClientSecret, options.Scope),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<OAuthTokenProvider>>());
        });

        var client = services.AddRefitGeneratedClient<TApi>(ClientSettings).ConfigureHttpClient(ConfigureBase<TOptions>);

        // Resilience is added first so it is the outer handler: every retry goes through the bearer handler again.
        AddResilience<TOptions>(client);
        client.AddHttpMessageHandler(sp => new OAuthBearerHandler(sp.GetRequiredKeyedService<OAuthTokenProvider>(upstream)));
        AddMetrics(client, upstream);

        // Innermost, so a body cut off mid-way is a failed attempt the pipeline retries, not an error after it gave up.
        client.AddHttpMessageHandler(() => new ResponseBufferingHandler());
    }

    // Inside the resilience pipeline, so each attempt it makes is counted on its own.
    private static void AddMetrics(IHttpClientBuilder builder, Source upstream) =>
        builder.AddHttpMessageHandler(sp => new UpstreamMetricsHandler(sp.GetRequiredService<UpstreamTelemetry>(), upstream));

    private static void ConfigureBase<TOptions>(IServiceProvider services, HttpClient client)
        where TOptions : UpstreamOptions
    {
        var options = services.GetRequiredService<IOptions<TOptions>>().Value;

        // Refit appends the relative path to the base path, so a trailing slash would double up.
        client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/'), UriKind.Absolute);

        // The resilience pipeline owns the timeouts; HttpClient's own 100 s would cut across them.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static IHttpClientBuilder AddResilience<TOptions>(IHttpClientBuilder builder)
        where TOptions : UpstreamOptions
    {
        builder.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions resilience, IServiceProvider services) =>
        {
            var settings = services.GetRequiredService<IOptions<TOptions>>().Value.Resilience;
            var attempt = TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds);
            resilience.AttemptTimeout.Timeout = attempt;
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
            resilience.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
            resilience.Retry.BackoffType = DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds);

            // 429 and 503 carry Retry-After; waiting as told is what keeps a rate-limited upstream answering.
            resilience.Retry.ShouldRetryAfterHeader = true;

            // The breaker must sample over at least two attempt timeouts, or it cannot see a slow upstream fail.
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * settings.AttemptTimeoutSeconds));
            resilience.CircuitBreaker.FailureRatio = settings.CircuitBreakerFailureRatio;
            resilience.CircuitBreaker.MinimumThroughput = settings.CircuitBreakerMinimumThroughput;
            resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(settings.CircuitBreakerBreakSeconds);
        });
        return builder;
    }
}
