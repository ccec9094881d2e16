using System.Net.Http.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Simulators.Faults;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Faults;

/// <summary>What the fault tests share: patient-but-quick resilience settings, waiting for a run to settle, and the exact comparison with the ground truth.</summary>
internal static class FaultRun
{
    /// <summary>A smaller province than the default, on small pages, so a run has hundreds of batches and still takes seconds.</summary>
    public static SimulatorOptions Simulators(int seed = 42) =>
        new SimulatorOptions { Seed = seed, Schools = 6, Persons = 1800 }.WithFreePorts();

    /// <summary>Short timeouts and backoff so hangs and retries cost little time; the shape of the pipeline is the production one.</summary>
    public static Dictionary<string, string?> Settings(int maxRetryAttempts = 2, int batchAttempts = 2, int pageSize = 25)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sync:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sync:BatchAttempts"] = batchAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:InvisibilityTimeoutSeconds"] = "5",
            ["Jobs:ServerTimeoutSeconds"] = "15",

            // Pull jobs hand over often, so a worker process started mid-run gets its share within the short runs here.
            ["Sync:PullJobSliceSeconds"] = "2",
        };
        foreach (var upstream in new[] { "Sms", "Provincial", "National" })
        {
            var prefix = $"Upstreams:{upstream}:Resilience:";
            settings[prefix + "AttemptTimeoutSeconds"] = "2";
            settings[prefix + "TotalTimeoutSeconds"] = "30";
            settings[prefix + "MaxRetryAttempts"] = maxRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "RetryBaseDelayMilliseconds"] = "50";
            settings[prefix + "CircuitBreakerBreakSeconds"] = "1";
        }

        return settings;
    }

    /// <summary>Starts a run through the API and returns its id at once.</summary>
    public static async Task<Guid> StartRunAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full", schoolCode = (string?)null });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunResult>())!.Id;
    }

    /// <summary>
    /// Waits until nothing of the run is left to do: no pull queued or running, no job waiting in Hangfire (a school's reconcile
    /// after a re-run batch included), and the run has been reconciled. A job left "Processing" by a killed worker after its pulls
    /// had ended is not work left: Hangfire requeues it only when it declares that server dead, and the job then finds nothing to
    /// claim. Only processing on a server that still beats counts; a pull the killed worker left running counts until a live
    /// pull job resumes it.
    /// </summary>
    public static async Task SettleAsync(string connectionString, Guid runId, int timeoutSeconds = 300)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var quietSince = (DateTime?)null;
        while (true)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT (SELECT count(*) FROM pulls WHERE run_id = @run AND status IN ('queued', 'running'))
                     + (SELECT count(*) FROM hangfire.job j
                         WHERE j.statename IN ('Enqueued', 'Scheduled', 'Awaiting')
                            OR (j.statename = 'Processing' AND EXISTS (
                                   SELECT 1 FROM hangfire.state st JOIN hangfire.server sv ON sv.id = st.data::jsonb ->> 'ServerId'
                                    WHERE st.id = j.stateid AND sv.lastheartbeat > now() - interval '90 seconds')))
                     + (SELECT count(*) FROM sync_runs WHERE id = @run AND (reconciled_at IS NULL OR finished_at IS NULL) AND status <> 'failed')
                """, connection);
            command.Parameters.AddWithValue("run", runId);
            var busy = (long)(await command.ExecuteScalarAsync())!;

            // Quiet twice in a row: a pull that just finished enqueues its reconcile in a second transaction.
            if (busy == 0)
            {
                if (quietSince is not null)
                {
                    return;
                }

                quietSince = DateTime.UtcNow;
            }
            else
            {
                quietSince = null;
            }

            if (DateTime.UtcNow > deadline)
            {
                await using var what = new NpgsqlCommand(
                    """
                    SELECT string_agg(x, '; ') FROM (
                      SELECT 'pull ' || id || ' ' || dataset || ' ' || status AS x FROM pulls WHERE run_id = @run AND status IN ('queued', 'running')
                      UNION ALL SELECT 'job ' || id || ' ' || statename || ' ' || left(invocationdata::text, 120) FROM hangfire.job
                                WHERE statename IN ('Enqueued', 'Processing', 'Scheduled', 'Awaiting')
                      UNION ALL SELECT 'run ' || status || ' reconciled ' || coalesce(reconciled_at::text, '-') FROM sync_runs WHERE id = @run) t
                    """, connection);
                what.Parameters.AddWithValue("run", runId);
                throw new TimeoutException($"Run {runId} still had {busy} things to do after {timeoutSeconds} s: {await what.ExecuteScalarAsync()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Settles the run, then re-runs its failed batches through the API as an operator would, until none fails. Returns how many
    /// batch re-runs it took.
    /// </summary>
    public static async Task<int> CompleteWithRetriesAsync(HttpClient client, string connectionString, Guid runId, int maxRounds = 10)
    {
        var reRuns = 0;
        for (var round = 0; ; round++)
        {
            await SettleAsync(connectionString, runId);
            var failed = await ScalarAsync(connectionString, "SELECT count(*) FROM batches WHERE run_id = @run AND status = 'failed'", runId);
            if (failed == 0)
            {
                return reRuns;
            }

            Assert.True(round < maxRounds, $"Batches still failing after {maxRounds} rounds of re-runs.");
            var response = await client.PostAsync("/api/v1/batches/retry-failed", null);
            response.EnsureSuccessStatusCode();
            reRuns += (await response.Content.ReadFromJsonAsync<RetryAll>())!.Enqueued;
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, Guid runId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("run", runId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stored rows per listing, in the simulators' dataset names, without the malformed corpus's records: most of those are now
    /// kept (with a field unknown) or leave a placeholder, and they belong to no one the ground truth knows.
    /// </summary>
    public static async Task<Dictionary<string, int>> StoredCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT source || '-' || CASE WHEN source = 'provincial' AND person_kind = 'student' THEN 'learners'
                                         WHEN person_kind = 'student' THEN 'students' ELSE 'staff' END, count(*)::int
              FROM person_records
             WHERE source_key NOT LIKE 'FAULT-%' AND coalesce(moet_code, '') <> ALL (@moets)
               AND coalesce(personal_id_digits, '') <> ALL (@ids)
             GROUP BY 1
            UNION ALL SELECT 'sms-health-exams', count(*)::int FROM health_exams WHERE exam_id NOT LIKE 'FAULT-%'
            """, connection);
        command.Parameters.AddWithValue("moets", MalformedRecords.MoetCodes.ToArray());
        command.Parameters.AddWithValue("ids", MalformedRecords.PersonalIds.ToArray());
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>Succeeded batches that repeat a (pull, cursor) another succeeded batch already committed: a page stored twice.</summary>
    public static Task<long> DuplicatePagesAsync(string connectionString, Guid runId) => ScalarAsync(connectionString,
        """
        SELECT count(*) FROM (
          SELECT pull_id, coalesce(cursor_start, '') FROM batches WHERE run_id = @run AND status = 'succeeded'
          GROUP BY 1, 2 HAVING count(*) > 1) d
        """, runId);

    /// <summary>Rows per listing: stored counts against what the simulators serve, so lost = expected - stored when positive.</summary>
    public static async Task AssertExactAsync(DigitalEduApp app, HttpClient client)
    {
        var expected = app.Simulators.ExpectedStoredCounts();
        var stored = await StoredCountsAsync(app.ConnectionString);
        Assert.Equal(
            expected.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"),
            expected.Keys.Order().Select(k => $"{k}={stored.GetValueOrDefault(k)}"));

        var published = await DigitalEduApp.ListAllMismatchesAsync(client, "&status=open");
        var want = app.Simulators.GroundTruth.Items
            .Select(i => $"{i.Kind}|{i.Detail}|{i.PersonKind}|{i.SchoolCode}|{i.SmsKey}|{i.MoetCode}|{i.Field}").Order().ToList();
        var got = published.Where(i => !IsAboutCorpus(i))
            .Select(i => $"{i.Kind}|{i.Detail}|{i.PersonKind}|{i.SchoolCode}|{i.SmsKey}|{i.MoetCode}|{i.Field}").Order().ToList();
        var missing = want.Except(got).ToList();
        var extra = got.Except(want).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && want.Count == got.Count,
            $"missing {missing.Count}: {string.Join("; ", missing.Take(10))}\nextra {extra.Count}: {string.Join("; ", extra.Take(10))}");
    }

    /// <summary>Whether an item concerns a record of the malformed corpus (which belongs to no one the ground truth knows).</summary>
    public static bool IsAboutCorpus(MismatchDto item) =>
        item.SmsKey?.StartsWith("FAULT-", StringComparison.Ordinal) == true
        || (item.MoetCode is { } moet && (moet.StartsWith("FAULT-", StringComparison.Ordinal) || MalformedRecords.MoetCodes.Contains(moet)))
        || (item.PersonalId is { } id && MalformedRecords.PersonalIds.Any(c => DigitalEdu.Domain.Identity.PersonalIdNumber.Mask(c) == id));

    private sealed record RetryAll(int Enqueued);
}
