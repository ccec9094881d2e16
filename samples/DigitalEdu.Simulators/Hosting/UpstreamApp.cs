using System.Net;
using DigitalEdu.Simulators.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Simulators.Hosting;

/// <summary>One upstream on its own Kestrel listener: its own app, so each has its own routes, auth and fault slot.</summary>
internal static class UpstreamApp
{
    public static WebApplication Build(UpstreamSource source, int port, SimulatorState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(UpstreamApp).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(state.Options.ListenAddress, port));
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();

        // The fault-injection slot: whatever is plugged in here sees every request before auth and endpoints, as a network would.
        // The built-in injector comes first and is off until switched on at run time.
        app.UseFaultInjection(state.Faults[source], state.Tokens);
        state.Options.ConfigurePipeline?.Invoke(source, app);
        app.UseAccessGuard(source, state);
        app.MapAdminEndpoints(state);
        app.MapFaultEndpoints(state.Faults[source]);
        switch (source)
        {
            case UpstreamSource.Sms:
                app.MapTokenEndpoint(source, state);
                app.MapSmsEndpoints(state);
                break;
            case UpstreamSource.Provincial:
                app.MapProvincialEndpoints(state);
                break;
            case UpstreamSource.National:
                app.MapTokenEndpoint(source, state);
                app.MapNationalEndpoints(state);
                break;
        }

        return app;
    }
}
