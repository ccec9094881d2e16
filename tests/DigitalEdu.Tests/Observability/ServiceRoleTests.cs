using System.Net;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalEdu.Tests.Observability;

/// <summary>One program, three roles: the web host runs no jobs, the worker serves nothing but health and metrics.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ServiceRoleTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;

    public async Task InitializeAsync() =>
        simulators = await SimulatorHost.StartAsync(new SimulatorOptions { Schools = 2, Persons = 200 }.WithFreePorts(), CancellationToken.None);

    public async Task DisposeAsync() => await simulators.DisposeAsync();

    [Fact]
    public async Task A_worker_serves_only_health_and_metrics_and_runs_the_job_server()
    {
        await using var app = await StartAsync("worker");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/sync-runs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/mismatches/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.True(RunsJobServer(app));
    }

    [Fact]
    public async Task A_web_host_maps_the_api_and_starts_no_job_server()
    {
        await using var app = await StartAsync("web");
        var client = app.CreateClient();

        // Mapped (it asks for a token) rather than missing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sync-runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.False(RunsJobServer(app));
    }

    private async Task<WebApplicationFactory<Program>> StartAsync(string role)
    {
        var app = await DigitalEduApp.StartAsync(simulators);

        // Lower-case key, as --role on the command line gives it.
        return app.WithWebHostBuilder(builder => builder.UseSetting("role", role));
    }

    private static bool RunsJobServer(WebApplicationFactory<Program> app) =>
        app.Services.GetServices<IHostedService>().Any(s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
}

/// <summary><c>--Role</c> and <c>--role</c> both choose the role: configuration keys ignore case.</summary>
public sealed class ServiceRoleConfigurationTests
{
    [Theory]
    [InlineData(new[] { "--Role", "worker" }, ServiceRole.Worker)]
    [InlineData(new[] { "--role", "worker" }, ServiceRole.Worker)]
    [InlineData(new[] { "--role=web" }, ServiceRole.Web)]
    [InlineData(new string[0], ServiceRole.Both)]
    public void The_role_is_read_from_the_command_line_in_either_case(string[] args, ServiceRole expected) =>
        Assert.Equal(expected, new ConfigurationBuilder().AddCommandLine(args).Build().GetServiceRole());
}
