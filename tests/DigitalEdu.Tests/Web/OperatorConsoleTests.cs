using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Operations;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The operator's console in a real browser, against the service as the demo starts it (<see cref="BrowserHost"/>): a run
/// watched as it goes, a run whose school list failed re-run from its page, a paused source skipped and said, and every operator
/// page at 1400 and 400 px through <see cref="PageChecks"/>. Faults come from the simulators' admin API. Each test leaves the
/// simulators without faults and every source resumed, as the other browser tests expect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorConsoleTests(BrowserHost web, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await ClearFaultsAsync();
        foreach (var source in WireNames.Sources)
        {
            (await web.OperatorApi.PostAsync($"/api/v1/sources/{source}/resume", null)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Operator_watches_a_run_update_by_itself_then_opens_its_page()
    {
        // The console is open before the run starts (from the API, as the schedule would): it shows the run and its end by itself.
        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        Assert.Equal("idle", await page.GetAttributeAsync("#runs-live", "data-live"));
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // The provincial database answers late until the page has shown the run going; then the run ends by itself.
        await SetFaultsAsync(web.Simulators.ProvincialUrl, """{"rate":1,"kinds":["slow"],"slowMs":15000}""");
        var response = await web.OperatorApi.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full", schoolCode = web.OtherSchoolCode });
        response.EnsureSuccessStatusCode();
        var runId = (await response.Content.ReadFromJsonAsync<RunResult>())!.Id;
        try
        {
            await page.WaitForSelectorAsync(
                $"[data-testid=runs] tr[data-run='{runId}'][data-status={SyncRunStatus.Running}]", new() { Timeout = 60_000 });
            Assert.Equal("on", await page.GetAttributeAsync("#runs-live", "data-live"));
            output.WriteLine(await BrowserHost.ScreenshotAsync(page, "operator-run-going"));
            await ClearFaultsAsync();
            await page.WaitForSelectorAsync(
                $"[data-testid=runs] tr[data-run='{runId}'][data-status={SyncRunStatus.Succeeded}]", new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            var run = await web.OperatorApi.GetStringAsync($"/api/v1/sync-runs/{runId}");
            output.WriteLine(await BrowserHost.ScreenshotAsync(page, "operator-run-not-updated"));
            var row = await page.Locator($"[data-testid=runs] tr[data-run='{runId}']").EvaluateAllAsync<string>("rows => rows.map(r => r.outerHTML).join('')");
            Assert.Fail($"The console did not show run {runId} ending by itself (it shows {row}); the API says {run}\n{web.Service.Output[^Math.Min(6000, web.Service.Output.Length)..]}");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        Assert.Equal("idle", await page.GetAttributeAsync("#runs-live", "data-live"));

        await page.ClickAsync($"[data-testid=runs] tr[data-run='{runId}'] [data-testid=run-link]");
        await page.WaitForAddressAsync($"**/operator/runs/{runId}");
        Assert.Equal(SyncRunStatus.Succeeded, await page.GetAttributeAsync("[data-testid=run]", "data-status"));
        foreach (var source in WireNames.Sources)
        {
            Assert.Equal(1, await page.Locator($"[data-testid=sources] tr[data-source={source}]").CountAsync());
        }

        // Every pull of the run, by school and source, with what it brought.
        await page.ClickAsync("nav.chips a:has-text('Tất cả')");
        await page.WaitForAddressAsync("**pulls=all**");
        Assert.Equal(Enum.GetValues<Dataset>().Length, await page.Locator("[data-testid=pulls] tbody tr[data-status=succeeded]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=drift-link]").CountAsync());
        await CheckAsync(page, "operator-run");
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task Operator_reruns_a_run_whose_school_list_failed()
    {
        await SetFaultsAsync(web.Simulators.SmsUrl, """{"rate":1,"kinds":["status503"],"retryAfterSeconds":1}""");
        var response = await web.OperatorApi.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full", schoolCode = web.OtherSchoolCode });
        response.EnsureSuccessStatusCode();
        var runId = (await response.Content.ReadFromJsonAsync<RunResult>())!.Id;
        var failed = await DigitalEduApp.WaitForRunAsync(web.OperatorApi, runId, 120);
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        await ClearFaultsAsync();

        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        await page.GotoAsync($"/operator/runs/{runId}");
        Assert.Equal(SyncRunStatus.Failed, await page.GetAttributeAsync("[data-testid=run]", "data-status"));
        Assert.Contains("danh sách trường", await page.InnerTextAsync("[data-testid=run-error]"));
        await CheckAsync(page, "operator-run-failed");

        await page.ClickAsync("[data-testid=retry-run]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        await page.WaitForSelectorAsync($"[data-testid=run][data-status={SyncRunStatus.Succeeded}]", new() { Timeout = 120_000 });
        Assert.Equal(0, await page.Locator("[data-testid=run-error]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=retry-run]").CountAsync());

        var rerun = (await web.OperatorApi.GetFromJsonAsync<RunResult>($"/api/v1/sync-runs/{runId}"))!;
        Assert.Equal(SyncRunStatus.Succeeded, rerun.Status);
        Assert.Null(rerun.Error);

        // Retrying a run that has nothing to retry is a conflict, not a second run.
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await web.OperatorApi.PostAsync($"/api/v1/sync-runs/{runId}/retry", null)).StatusCode);
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task Operator_pauses_a_source_starts_a_run_and_sees_it_skipped_and_said()
    {
        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        await page.ClickAsync("[data-testid=sources] [data-source=national] [data-testid=pause]");
        await page.WaitForSelectorAsync("[data-testid=sources] [data-source=national][data-paused=yes]");
        Assert.Contains("tạm dừng", await page.InnerTextAsync("[data-testid=message]"));
        await CheckAsync(page, "operator-source-paused");

        await page.FillAsync("input[name=schoolCode]", web.OtherSchoolCode);
        await page.ClickAsync("[data-testid=start-run]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        var runId = Guid.Parse((await page.Locator("[data-testid=runs] tbody tr").First.GetAttributeAsync("data-run"))!);
        var run = await DigitalEduApp.WaitForRunAsync(web.OperatorApi, runId, 120);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);

        await page.GotoAsync($"/operator/runs/{runId}");
        Assert.Contains("CSDL ngành", await page.InnerTextAsync("[data-testid=run-paused]"));
        Assert.Contains("tạm dừng", await page.InnerTextAsync("[data-testid=sources] tr[data-source=national]"));
        await page.ClickAsync("nav.chips a:has-text('Tất cả')");
        await page.WaitForAddressAsync("**pulls=all**");
        Assert.Equal(0, await page.Locator("[data-testid=pulls] tbody tr:has-text('CSDL ngành')").CountAsync());
        Assert.True(await page.Locator("[data-testid=pulls] tbody tr").CountAsync() > 0);
        await CheckAsync(page, "operator-run-paused");

        // Said on the console too, and resumed from there, audited both ways.
        await page.GotoAsync("/operator");
        Assert.Contains("CSDL ngành", await page.InnerTextAsync($"[data-testid=runs] tr[data-run='{runId}'] [data-testid=skipped]"));
        await page.ClickAsync("[data-testid=sources] [data-source=national] [data-testid=resume]");
        await page.WaitForSelectorAsync("[data-testid=sources] [data-source=national][data-paused=no]");
        var audited = await web.ScalarAsync("SELECT count(*) FROM audit_log WHERE action IN ('pause_source', 'resume_source') AND detail = 'source=national'");
        Assert.True(Convert.ToInt64(audited, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task Every_operator_page_reads_in_Vietnamese_and_fits_a_phone()
    {
        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        await CheckAsync(page, "operator-console");
        await page.GotoAsync("/operator/batches?status=all");
        await CheckAsync(page, "operator-batches-all");
        await page.GotoAsync($"/operator/batches?status=all&runId={web.FirstRun.Id}&source=sms");
        Assert.True(await page.Locator("[data-testid=batches] tbody tr").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("[data-testid=batches] tbody tr:not(:has-text('SMS'))").CountAsync());
        await CheckAsync(page, "operator-batches-filtered");
        await page.GotoAsync($"/operator/runs/{web.FirstRun.Id}");
        await CheckAsync(page, "operator-first-run");

        // Paged: a small page through the API, the next one through its Link header, no row twice.
        var first = await web.OperatorApi.GetAsync($"/api/v1/batches?runId={web.FirstRun.Id}&limit=5");
        var firstRows = (await first.Content.ReadFromJsonAsync<List<BatchPageRow>>())!;
        Assert.Equal(5, firstRows.Count);
        var next = first.Headers.GetValues("Link").Single();
        var nextUrl = next[(next.IndexOf('<') + 1)..next.IndexOf('>')];
        var secondRows = (await web.OperatorApi.GetFromJsonAsync<List<BatchPageRow>>(nextUrl))!;
        Assert.NotEmpty(secondRows);
        Assert.Empty(firstRows.Select(r => r.Id).Intersect(secondRows.Select(r => r.Id)));
        Assert.True(secondRows.Max(r => r.Id) < firstRows.Min(r => r.Id));

        // Bad filters are a 400 naming the field.
        var bad = await web.OperatorApi.GetAsync("/api/v1/batches?schoolCode=abc");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("schoolCode", await bad.Content.ReadAsStringAsync());
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task A_source_paused_while_a_run_is_going_is_read_no_further_and_its_batches_run_again_once_resumed()
    {
        // The provincial database answers late, so most of its pulls are still to come when the operator pauses it.
        await SetFaultsAsync(web.Simulators.ProvincialUrl, """{"rate":1,"kinds":["slow"],"slowMs":6000}""");
        var response = await web.OperatorApi.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full" });
        response.EnsureSuccessStatusCode();
        var runId = (await response.Content.ReadFromJsonAsync<RunResult>())!.Id;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await web.OperatorApi.GetFromJsonAsync<RunResult>($"/api/v1/sync-runs/{runId}"))!.Status != SyncRunStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not start");
            await Task.Delay(200);
        }

        (await web.OperatorApi.PostAsync($"/api/v1/sources/{WireNames.Provincial}/pause", null)).EnsureSuccessStatusCode();
        await ClearFaultsAsync();
        var ended = await DigitalEduApp.WaitForRunAsync(web.OperatorApi, runId, 180);
        Assert.Equal(SyncRunStatus.PartiallyFailed, ended.Status);
        var failed = await web.OperatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/batches?runId={runId}&status=failed&limit=500");
        var batches = failed.EnumerateArray().ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b =>
        {
            Assert.Equal(WireNames.Provincial, b.GetProperty("source").GetString());
            Assert.StartsWith(BatchErrors.SourcePaused, b.GetProperty("error").GetString(), StringComparison.Ordinal);
        });

        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        await page.GotoAsync($"/operator/runs/{runId}");
        Assert.Contains("tạm dừng khi lượt đang chạy", await page.InnerTextAsync("[data-testid=failed-batches]"));
        Assert.Equal(0, await page.Locator("[data-testid=failed-batches] [data-testid=upstream-answer]").CountAsync());
        await CheckAsync(page, "operator-run-paused-midway");

        // Resumed, the run's failed batches are retried and the run ends whole.
        (await web.OperatorApi.PostAsync($"/api/v1/sources/{WireNames.Provincial}/resume", null)).EnsureSuccessStatusCode();
        (await web.OperatorApi.PostAsync($"/api/v1/sync-runs/{runId}/retry", null)).EnsureSuccessStatusCode();
        deadline = DateTime.UtcNow.AddSeconds(180);
        RunResult? retried = null;
        while (retried?.Status != SyncRunStatus.Succeeded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the retried run did not end whole; last status {retried?.Status}");
            await Task.Delay(300);
            retried = await web.OperatorApi.GetFromJsonAsync<RunResult>($"/api/v1/sync-runs/{runId}");
        }

        Assert.Empty((await web.OperatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/batches?runId={runId}&status=failed")).EnumerateArray());
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task A_runs_pulls_are_listed_a_page_at_a_time_and_every_one_is_reached()
    {
        await using var db = new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(web.ConnectionString).Options);
        var handler = new GetRun.Handler(db, new ListBatches.Handler(db));
        var everything = (await handler.HandleAsync(new RunQuery(web.FirstRun.Id, Limit: 1000), CancellationToken.None))!;
        Assert.True(everything.PullsShown > 20, $"the first run has only {everything.PullsShown} pulls");
        var seen = new List<long>();
        for (var page = 1; page <= (everything.PullsShown + 19) / 20; page++)
        {
            var details = (await handler.HandleAsync(new RunQuery(web.FirstRun.Id, Page: page, Limit: 20), CancellationToken.None))!;
            Assert.Equal(everything.PullsShown, details.PullsShown);
            seen.AddRange(details.Pulls.Select(p => p.Id));
        }

        Assert.Equal(everything.Pulls.Select(p => p.Id), seen);

        // A page past the end shows the last one.
        var browser = await web.SignInAsync(BrowserHost.OperatorEmail);
        await browser.GotoAsync($"/operator/runs/{web.FirstRun.Id}?pulls=all&p=999");
        Assert.True(await browser.Locator("[data-testid=pulls] tbody tr").CountAsync() > 0);
        Assert.Equal(0, await browser.Locator("[data-testid=pulls-next]").CountAsync());
        await Chromium.SignOutAsync(browser);
    }

    /// <summary>The page at both widths: styled, fits, Vietnamese; screenshots name-1400.png and name-400.png.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        await PageChecks.AssertStyledAsync(page);
        await PageChecks.AssertVietnameseAsync(page);
        foreach (var width in new[] { BrowserHost.Wide, BrowserHost.Narrow })
        {
            await page.SetViewportSizeAsync(width, width == BrowserHost.Narrow ? 860 : 900);
            await PageChecks.AssertFitsAsync(page);
        }

        await BrowserHost.ScreenshotsAsync(page, name);
        await page.SetViewportSizeAsync(BrowserHost.Wide, 900);
        output.WriteLine($"{BrowserHost.ScreenshotDirectory}/{name}-1400.png");
    }

    private async Task SetFaultsAsync(Uri upstream, string settings)
    {
        using var client = new HttpClient();
        var response = await client.PostAsync(new Uri(upstream, "/admin/faults"), new StringContent(settings, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private async Task ClearFaultsAsync()
    {
        using var client = new HttpClient();
        foreach (var upstream in new[] { web.Simulators.SmsUrl, web.Simulators.ProvincialUrl, web.Simulators.NationalUrl })
        {
            (await client.DeleteAsync(new Uri(upstream, "/admin/faults"))).EnsureSuccessStatusCode();
        }
    }

    private sealed record BatchPageRow(long Id, string Status, long? RetryOf, long? SuccessorId);
}
