using System.Globalization;
using System.Net.Http.Json;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// Each role's main path in a real browser (Debian's Chromium through Playwright) on the data of a real run, against the
/// service started as the demo starts it (<see cref="BrowserHost"/>), with a screenshot of each main page under the test
/// output folder (TestResults/screenshots).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserHost web, ITestOutputHelper output)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task Officer_sees_the_figures_the_api_answers_drills_down_and_reveals_an_id_into_the_audit_log()
    {
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        Assert.EndsWith("/officer", page.Url);
        var summary = await SummaryAsShownAsync(page);

        Assert.Equal(summary.Total.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=open-total]", "data-value"));
        Assert.Equal(summary.Total.ToString("N0", Vietnamese), await page.InnerTextAsync("[data-testid=open-total] .big"));
        foreach (var kind in MismatchKinds.All)
        {
            var cell = page.Locator($"[data-testid=by-kind] [data-kind={kind}]");
            Assert.Equal(summary.ByKind[kind].ToString(CultureInfo.InvariantCulture), await cell.GetAttributeAsync("data-value"));
            Assert.Equal(summary.ByKind[kind].ToString("N0", Vietnamese), await cell.InnerTextAsync());
        }

        Assert.NotEqual("0", (await page.InnerTextAsync("[data-testid=coverage-persons]")).Trim());
        Assert.Equal(1, await page.Locator("svg.trend").CountAsync());
        output.WriteLine(await BrowserHost.ScreenshotAsync(page, "officer-overview"));

        // Drill down to the school with the most open items.
        var top = summary.BySchool[0];
        await page.ClickAsync($"[data-testid=top-schools] a[href='/schools/{top.SchoolCode}']");
        await page.WaitForAddressAsync($"**/schools/{top.SchoolCode}");
        Assert.Equal(top.Total.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=school-open]", "data-value"));

        // An item with a personal ID: masked until the officer asks, and the asking is logged.
        var item = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={top.SchoolCode}&status=open"))
            .First(i => i.PersonalId is not null);
        await page.GotoAsync($"/schools/{top.SchoolCode}/items/{item.Id}");
        Assert.Contains("*", await page.InnerTextAsync("[data-testid=personal-id]"));
        await page.FillAsync("input[name=purpose]", "Đối chiếu với giấy khai sinh");
        await page.ClickAsync("button:has-text('Hiện')");
        await page.WaitForSelectorAsync("[data-testid=personal-id]");
        Assert.DoesNotContain("*", await page.InnerTextAsync("[data-testid=personal-id]"));

        await page.GotoAsync($"/officer/audit?schoolCode={top.SchoolCode}");
        var row = page.Locator("[data-testid=audit] tr[data-action=show_personal_id]");
        Assert.True(await row.CountAsync() >= 1);
        Assert.Contains(BrowserHost.OfficerEmail, await row.First.InnerTextAsync());
        Assert.Contains(item.Id, await row.First.InnerTextAsync());
        await Chromium.SignOutAsync(page);
    }

    /// <summary>
    /// The API's summary, read just before the page: the queues are live (another test's re-run may still be reconciling
    /// a school), so both are read again until they come from the same moment.
    /// </summary>
    private async Task<SummaryDto> SummaryAsShownAsync(IPage page)
    {
        for (var attempt = 0; ; attempt++)
        {
            var summary = (await web.OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
            await page.GotoAsync("/officer");
            var shown = await page.GetAttributeAsync("[data-testid=open-total]", "data-value");
            var again = (await web.OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
            if ((shown == summary.Total.ToString(CultureInfo.InvariantCulture) && summary.Total == again.Total) || attempt == 20)
            {
                return summary;
            }

            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task School_clerk_filters_marks_an_item_fixed_and_downloads_a_non_empty_xlsx()
    {
        var page = await web.SignInAsync(BrowserHost.SchoolEmail);
        Assert.EndsWith($"/schools/{web.SchoolCode}", page.Url);
        var open = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open");
        Assert.Equal(open.Count.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-testid=school-open]", "data-value"));
        Assert.DoesNotContain(await page.Locator("[data-testid=items] .mono").AllInnerTextsAsync(), id => id.Length > 0 && !id.Contains('*'));
        output.WriteLine(await BrowserHost.ScreenshotAsync(page, "school-items", fullPage: false));

        // Filter by the commonest kind.
        var kind = open.GroupBy(i => i.Kind).OrderByDescending(g => g.Count()).First();
        await page.ClickAsync($".chips a[data-kind={kind.Key}]");
        await page.WaitForAddressAsync($"**kind={kind.Key}");
        Assert.Equal(Math.Min(kind.Count(), 100), await page.Locator("[data-testid=items] tbody tr").CountAsync());

        // One item: both sides, the guidance, "đã sửa", the history.
        var first = page.Locator("[data-testid=items] tbody tr").First;
        var id = await first.GetAttributeAsync("data-item");
        await first.Locator("a").ClickAsync();
        await page.WaitForAddressAsync($"**/items/{id}");
        Assert.Equal(3, await page.Locator("[data-testid=compare] thead th").CountAsync() - 1);
        var guidance = await page.InnerTextAsync("[data-testid=guidance]");
        Assert.False(string.IsNullOrWhiteSpace(guidance));
        Assert.DoesNotMatch(@"\d{12}", guidance);
        Assert.Equal(0, await page.Locator("button:has-text('Hiện')").CountAsync());
        output.WriteLine(await BrowserHost.ScreenshotAsync(page, "school-item"));
        await page.FillAsync("input[name=note]", "Đã sửa trên SMS");
        await page.ClickAsync("[data-testid=mark-fixed]");
        await page.WaitForSelectorAsync("[data-testid=item-status][data-value=fixed_pending]");
        Assert.Contains("Đã sửa trên SMS", await page.InnerTextAsync("[data-testid=history]"));
        var after = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=fixed_pending");
        Assert.Contains(after, i => i.Id == id);

        // The export of the school's open items.
        await page.GotoAsync($"/schools/{web.SchoolCode}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-xlsx]"));
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 0);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        await using var workbook = File.OpenRead(path);
        var rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(open.Count - 1, rows.Count);
        Assert.All(rows, r => Assert.True(r["Số định danh"] is null || r["Số định danh"].ToString()!.Contains('*')));
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task Operator_sees_the_failed_batch_with_the_upstream_error_and_reruns_it_to_success()
    {
        Assert.Equal("partially_failed", web.FirstRun.Status);
        var failed = (await web.OperatorApi.GetFromJsonAsync<List<BatchDto>>("/api/v1/batches?status=failed"))!;
        var batch = Assert.Single(failed);
        Assert.Equal(BrowserHost.FaultedSchool, batch.SchoolCode);

        var page = await web.SignInAsync(BrowserHost.OperatorEmail);
        Assert.EndsWith("/operator", page.Url);
        Assert.Equal(1, await page.Locator($"[data-testid=runs] tr[data-run='{web.FirstRun.Id}'][data-status=partially_failed]").CountAsync());
        output.WriteLine(await BrowserHost.ScreenshotAsync(page, "operator-runs"));

        await page.ClickAsync("[data-testid=failed-batches-link]");
        var row = page.Locator($"[data-testid=batches] tr[data-batch='{batch.Id}']");
        Assert.Contains("503", await row.InnerTextAsync());

        // In Vietnamese, with the upstream's own answer behind a toggle.
        Assert.Contains("bảo trì", await row.Locator("[data-testid=batch-error]").InnerTextAsync());
        Assert.False(await row.Locator("[data-testid=upstream-answer] pre").IsVisibleAsync());
        await row.Locator("[data-testid=upstream-answer] summary").ClickAsync();
        Assert.Contains("SMS maintenance", await row.Locator("[data-testid=upstream-answer] pre").InnerTextAsync());
        output.WriteLine(await BrowserHost.ScreenshotAsync(page, "operator-batches"));
        await row.Locator("[data-testid=retry]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=message]");

        // The re-run is a new batch of the same pull; wait for the worker to finish it.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        BatchDto? rerun = null;
        while (rerun?.Status != "succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, $"The re-run of batch {batch.Id} did not finish; last status {rerun?.Status}.");
            await Task.Delay(200);
            var batches = (await web.OperatorApi.GetFromJsonAsync<List<BatchDto>>($"/api/v1/batches?runId={batch.RunId}&limit=1000"))!;
            rerun = batches.Where(b => b.SchoolCode == batch.SchoolCode && b.Dataset == batch.Dataset && b.Id > batch.Id).MinBy(b => b.Id);
            Assert.NotEqual("failed", rerun?.Status);
        }

        // The retried batch links to its successor; following the link shows the re-run, succeeded.
        await page.GotoAsync($"/operator/batches?status=all&runId={batch.RunId}&source=sms&schoolCode={batch.SchoolCode}");
        var retried = page.Locator($"[data-testid=batches] tr[data-batch='{batch.Id}'][data-status=retried]");
        Assert.Equal(1, await retried.CountAsync());
        Assert.Equal(rerun.Id.ToString(CultureInfo.InvariantCulture), await retried.Locator("[data-testid=successor]").GetAttributeAsync("data-successor"));
        await retried.Locator("[data-testid=successor]").ClickAsync();
        await page.WaitForAddressAsync($"**before={rerun.Id + 1}**");
        var successor = page.Locator($"[data-testid=batches] tr[data-batch='{rerun.Id}']").First;
        Assert.Equal("succeeded", await successor.GetAttributeAsync("data-status"));
        Assert.Equal(batch.Id.ToString(CultureInfo.InvariantCulture), await successor.Locator("[data-testid=predecessor]").InnerTextAsync());
        Assert.Empty((await web.OperatorApi.GetFromJsonAsync<List<BatchDto>>("/api/v1/batches?status=failed"))!);

        // The job dashboard opens for the operator's browser session.
        var dashboard = await page.GotoAsync("/hangfire");
        Assert.Equal(200, dashboard!.Status);
        await page.GotoAsync("/operator");
        await Chromium.SignOutAsync(page);
    }
}
