using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Features.CodeDrift;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Sync;
using FluentValidation;

namespace DigitalEdu.Service.Hosting;

/// <summary>The pipeline's features as the host registers them: the upstreams, the sync jobs, and the operations endpoints.</summary>
public static class FeatureSetup
{
    /// <summary>The three upstream clients, and a readiness check of each.</summary>
    public static WebApplicationBuilder AddUpstreams(this WebApplicationBuilder builder)
    {
        builder.Services.AddUpstreams(builder.Configuration);
        builder.Services.AddHealthChecks().AddUpstreamChecks();
        return builder;
    }

    /// <summary>The database, the pull queue, staging, the reconcile and the notifications, with their requests' validators.</summary>
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        builder.Services.AddSync(builder.Configuration);
        builder.Services.AddValidatorsFromAssemblyContaining<DigitalEdu.Sync.Jobs.StartSyncRunValidator>();
        return builder;
    }

    /// <summary>What operators and officers read and do about runs, batches, coverage and code-list drift.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CodeDriftReport>();
        builder.AddOperatorConsole();
        return builder;
    }

    public static WebApplication MapOperationsApi(this WebApplication app)
    {
        app.MapSyncRunsApi();
        app.MapBatchesApi();
        app.MapCoverageApi();
        app.MapCodeDriftApi();
        app.MapOperatorConsoleApi();
        return app;
    }
}
