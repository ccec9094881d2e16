using System.Text.Json;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Commands;

/// <summary>Follows a run to its end and prints what an operator wants to see first.</summary>
public static class RunReport
{
    public static async Task<SyncRun> WaitAsync(IServiceProvider services, Guid runId, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigitalEduDbContext>();
            var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.FinishedAt is not null || DateTimeOffset.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public static async Task PrintAsync(IServiceProvider services, SyncRun run, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigitalEduDbContext>();
        var duration = run.FinishedAt - run.StartedAt;
        await output.WriteLineAsync($"Run {run.Id}: {run.Status}{(duration is { } d ? $" in {d.TotalSeconds:F1} s" : "")}");
        if (run.Error is not null)
        {
            await output.WriteLineAsync($"  error: {run.Error}");
        }

        var counts = JsonSerializer.Deserialize<RunCounts>(run.Counts, JsonSerializerOptions.Web);
        if (counts is not null)
        {
            foreach (var (source, c) in counts.Sources.OrderBy(s => s.Key))
            {
                await output.WriteLineAsync($"  {source,-11} received {c.Received,8}  stored {c.Stored,8}  quarantined {c.Quarantined,5}  failed pulls {c.PullsFailed}");
            }

            await output.WriteLineAsync($"  batches {counts.Batches} ({counts.BatchesFailed} failed); items found {counts.Items.Found}, new {counts.Items.New}, resolved {counts.Items.Resolved}, reopened {counts.Items.Reopened}");
        }

        var byKind = await db.Mismatches.AsNoTracking().Where(m => m.Status == MismatchStatus.Open)
            .GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        await output.WriteLineAsync("Open items by kind:");
        foreach (var kind in MismatchKinds.All.Order(StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"{kind}\t{byKind.GetValueOrDefault(kind)}");
        }
    }
}
