using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Faults;

/// <summary>
/// Workers as separate processes on one database: one killed with SIGKILL mid-run and another started, and two working side by
/// side. Either way every page is committed once, nothing is lost and nothing is stored twice.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private SimulatorHost simulators = null!;
    private DigitalEduApp app = null!;

    public async Task InitializeAsync()
    {
        simulators = await SimulatorHost.StartAsync(FaultRun.Simulators(), CancellationToken.None);
        var settings = FaultRun.Settings(pageSize: 40);

        // This process only serves the API and enqueues; the work is done by the worker processes the tests start.
        settings["Role"] = "web";
        app = await DigitalEduApp.StartAsync(simulators, settings);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await simulators.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_killed_mid_run_is_replaced_and_the_run_completes_with_nothing_lost_or_duplicated()
    {
        var client = await app.CreateClientAsync("operator");

        // Every answer a little late, so the run is still going when the worker is killed.
        simulators.SetFaults(FaultSettings.Every(1.0, FaultKind.Slow) with { SlowMilliseconds = 150 });
        var runId = await FaultRun.StartRunAsync(client);

        long succeededAtKill;
        await using (var first = WorkerProcess.Start(app.Settings, "worker-1"))
        {
            succeededAtKill = await WaitForSucceededBatchesAsync(runId, 30, first);
            await first.KillAsync();
        }

        var total = await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM pulls WHERE run_id = @run", runId);
        var unfinished = await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM pulls WHERE run_id = @run AND status <> 'succeeded'", runId);
        Assert.True(unfinished > 0, $"the run had finished ({total} pulls) before the worker was killed; nothing was tested");

        await using (var second = WorkerProcess.Start(app.Settings, "worker-2"))
        {
            await FaultRun.SettleAsync(app.ConnectionString, runId);
            Assert.False(second.HasExited, second.Output);
        }

        simulators.ClearFaults();
        var run = await DigitalEduApp.WaitForRunAsync(client, runId);
        Assert.Equal("succeeded", run.Status);
        Assert.True(succeededAtKill > 0);
        await FaultRun.AssertExactAsync(app, client);
        Assert.Equal(0, await FaultRun.DuplicatePagesAsync(app.ConnectionString, runId));

        // The pages in flight when the worker died were recorded as interrupted and fetched again from their checkpoint.
        Assert.True(await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM batches WHERE run_id = @run AND status = 'interrupted'", runId) > 0);
        Assert.Equal(
            await FaultRun.ScalarAsync(app.ConnectionString, "SELECT coalesce(sum(received), 0) FROM pulls WHERE run_id = @run", runId),
            await FaultRun.ScalarAsync(app.ConnectionString, "SELECT coalesce(sum(received), 0) FROM batches WHERE run_id = @run AND status = 'succeeded'", runId));
    }

    [Fact]
    public async Task Two_workers_share_a_run_and_no_batch_is_processed_twice()
    {
        var client = await app.CreateClientAsync("operator");
        simulators.SetFaults(FaultSettings.Every(1.0, FaultKind.Slow) with { SlowMilliseconds = 20 });

        // The run's pulls as eight jobs of two lanes (the same 16 lanes as the default two of eight), and both servers up before
        // it starts: with two jobs, the process that came up first could take the whole run, and whether the other got a job
        // was down to timing.
        var split = new Dictionary<string, string?> { ["Sync:PullJobs"] = "8", ["Sync:PullsPerJob"] = "2" };
        Guid runId;
        await using (var first = WorkerProcess.Start(app.Settings, "worker-a", split))
        await using (var second = WorkerProcess.Start(app.Settings, "worker-b", split))
        {
            await WaitForServersAsync(2, first, second);
            runId = await FaultRun.StartRunAsync(client);
            await FaultRun.SettleAsync(app.ConnectionString, runId);
            Assert.False(first.HasExited, first.Output);
            Assert.False(second.HasExited, second.Output);
        }

        simulators.ClearFaults();
        var run = await DigitalEduApp.WaitForRunAsync(client, runId);
        Assert.Equal("succeeded", run.Status);

        // Both processes took jobs of this run.
        var servers = await FaultRun.ScalarAsync(app.ConnectionString,
            "SELECT count(DISTINCT data::jsonb ->> 'ServerId') FROM hangfire.state WHERE name = 'Processing'", runId);
        Assert.Equal(2, servers);

        // No page was committed twice, and the result is the one a single worker gets: exactly the ground truth.
        Assert.Equal(0, await FaultRun.DuplicatePagesAsync(app.ConnectionString, runId));
        Assert.Equal(0, await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM batches WHERE run_id = @run AND status <> 'succeeded'", runId));
        await FaultRun.AssertExactAsync(app, client);
    }

    private async Task WaitForServersAsync(int count, params WorkerProcess[] workers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM hangfire.server", Guid.Empty) < count)
        {
            Assert.All(workers, worker => Assert.False(worker.HasExited, $"{worker.Name} exited: {worker.Output}"));
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} Hangfire servers came up in time");
            await Task.Delay(100);
        }
    }

    private async Task<long> WaitForSucceededBatchesAsync(Guid runId, int atLeast, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var succeeded = await FaultRun.ScalarAsync(app.ConnectionString, "SELECT count(*) FROM batches WHERE run_id = @run AND status = 'succeeded'", runId);
            if (succeeded >= atLeast)
            {
                return succeeded;
            }

            Assert.False(worker.HasExited, $"{worker.Name} exited: {worker.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"only {succeeded} batches succeeded in time; {worker.Name} said: {worker.Output}");
            await Task.Delay(100);
        }
    }
}
