using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Features.Province;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The officer's province in a real browser, on the data of a real run: the drill-down by name with rates, sorting by a rate,
/// the follow-up list's bulk dismissal and reopening, its filtered export, the trends; and every officer page at 1400 and
/// 400 px through the page checks, with screenshots (TestResults/screenshots/officer-*).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficerProvinceTests(BrowserHost web, ITestOutputHelper output)
{
    [Fact]
    public async Task Officer_drills_from_the_province_to_a_commune_by_name_to_a_school_to_an_item()
    {
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        await page.ClickAsync("[data-testid=all-communes]");
        await page.WaitForAddressAsync("**/officer/communes");

        // Communes by their names, each with its rates and a link to the list of items it counts.
        var first = page.Locator("[data-testid=areas] tbody tr").First;
        var name = (await first.Locator("[data-testid=area-link]").InnerTextAsync()).Trim();
        Assert.DoesNotMatch(@"^\d+$", name);
        Assert.DoesNotContain("mã", name, StringComparison.Ordinal);
        var open = await first.Locator("[data-testid=open-link]").GetAttributeAsync("data-value");
        Assert.Contains("%", await first.InnerTextAsync());

        await page.Locator("[data-testid=areas] [data-testid=area-link]")
            .Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(name) + "$") })
            .ClickAsync();
        await page.WaitForAddressAsync("**/officer/schools?commune=*");
        Assert.Equal(name, (await page.InnerTextAsync("[data-testid=area-name]")).Trim());
        var schoolRows = page.Locator("[data-testid=areas] tbody tr");
        Assert.True(await schoolRows.CountAsync() >= 1);
        var sum = 0;
        foreach (var value in await page.Locator("[data-testid=areas] [data-testid=open-link]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.value)"))
        {
            sum += int.Parse(value, CultureInfo.InvariantCulture);
        }

        Assert.Equal(open, sum.ToString(CultureInfo.InvariantCulture));

        // The school with the most open items of the commune, then one of its items.
        await page.ClickAsync("[data-testid=areas] thead a[data-sort=open]");
        await page.WaitForAddressAsync("**sort=open&order=desc*");
        var school = page.Locator("[data-testid=areas] tbody tr").First;
        var code = await school.GetAttributeAsync("data-key");
        await school.Locator("[data-testid=area-link]").ClickAsync();
        await page.WaitForAddressAsync($"**/schools/{code}");
        var item = page.Locator("[data-testid=items] tbody tr").First;
        var id = await item.GetAttributeAsync("data-item");
        await item.Locator("td.open a").ClickAsync();
        await page.WaitForAddressAsync($"**/schools/{code}/items/{id}");
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("[data-testid=guidance]")));
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task Officer_sorts_the_schools_by_open_items_per_hundred_persons_both_ways()
    {
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        await page.GotoAsync("/officer/schools?sort=name");
        await page.ClickAsync("[data-testid=areas] thead a[data-sort=openPer100]");
        await page.WaitForAddressAsync("**sort=openPer100&order=desc*");
        var down = await RatesAsync(page);
        Assert.True(down.Count >= 2);
        Assert.Equal(down.OrderByDescending(r => r).ToList(), down);

        await page.ClickAsync("[data-testid=areas] thead a[data-sort=openPer100]");
        await page.WaitForAddressAsync("**sort=openPer100&order=asc*");
        var up = await RatesAsync(page);
        Assert.Equal(up.OrderBy(r => r).ToList(), up);
        Assert.NotEqual(down, up);
        await Chromium.SignOutAsync(page);
    }

    private static async Task<List<double>> RatesAsync(IPage page) =>
        [.. (await page.Locator("[data-testid=areas] tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.rate)"))
            .Where(v => !string.IsNullOrEmpty(v)).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task Officer_dismisses_two_items_with_a_reason_then_reopens_them_and_both_are_audited()
    {
        var schoolCode = await QuietSchoolAsync();
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        await page.GotoAsync($"/officer/items?schoolCode={schoolCode}");
        var picks = page.Locator("[data-testid=queue] tbody tr");
        var ids = new[] { await picks.Nth(0).GetAttributeAsync("data-item"), await picks.Nth(1).GetAttributeAsync("data-item") };
        foreach (var id in ids)
        {
            await page.CheckAsync($"[data-testid=queue] tr[data-item='{id}'] [data-testid=pick]");
        }

        // Without a reason nothing changes.
        await page.ClickAsync("[data-testid=bulk-dismiss]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        Assert.Contains("lý do", await page.InnerTextAsync("[data-testid=message]"), StringComparison.Ordinal);
        Assert.All(await StatusesAsync(ids!), s => Assert.Equal(MismatchStatus.Open, s));

        foreach (var id in ids)
        {
            await page.CheckAsync($"[data-testid=queue] tr[data-item='{id}'] [data-testid=pick]");
        }

        await page.FillAsync("[data-testid=reason]", "Học sinh đã chuyển trường, hồ sơ đang xử lý");
        await page.ClickAsync("[data-testid=bulk-dismiss]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        Assert.Contains("Đã bỏ qua 2 mục", await page.InnerTextAsync("[data-testid=message]"), StringComparison.Ordinal);
        Assert.All(await StatusesAsync(ids!), s => Assert.Equal(MismatchStatus.Dismissed, s));
        var history = (await web.OfficerApi.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{ids[0]}/history"))!;
        Assert.Contains(history, e => e.GetProperty("reason").GetString() == "Học sinh đã chuyển trường, hồ sơ đang xử lý");

        await page.SelectOptionAsync("[data-testid=status-filter]", MismatchStatus.Dismissed);
        await page.WaitForAddressAsync("**status=dismissed*");
        foreach (var id in ids)
        {
            await page.CheckAsync($"[data-testid=queue] tr[data-item='{id}'] [data-testid=pick]");
        }

        await page.FillAsync("[data-testid=reason]", "Trường cần kiểm tra lại");
        await page.ClickAsync("[data-testid=bulk-reopen]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        Assert.Contains("Đã mở lại 2 mục", await page.InnerTextAsync("[data-testid=message]"), StringComparison.Ordinal);
        Assert.All(await StatusesAsync(ids!), s => Assert.Equal(MismatchStatus.Open, s));

        foreach (var (action, reason) in new[] { (AuditAction.Dismiss, "Học sinh đã chuyển trường, hồ sơ đang xử lý"), (AuditAction.Reopen, "Trường cần kiểm tra lại") })
        {
            var audited = await web.ScalarAsync(
                "SELECT count(*) FROM audit_log WHERE action = @action AND mismatch_id = ANY (@ids) AND reason = @reason",
                ("action", action), ("ids", ids.Select(i => long.Parse(i!, CultureInfo.InvariantCulture)).ToArray()), ("reason", reason));
            Assert.Equal(2L, audited);
        }

        await Chromium.SignOutAsync(page);
    }

    private async Task<string[]> StatusesAsync(string[] ids)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
        {
            statuses.Add((await web.OfficerApi.GetFromJsonAsync<JsonElement>($"/api/v1/mismatches/{id}")).GetProperty("status").GetString()!);
        }

        return [.. statuses];
    }

    /// <summary>A school with open items that the other browser tests leave alone.</summary>
    private async Task<string> QuietSchoolAsync()
    {
        var summary = (await web.OfficerApi.GetFromJsonAsync<SummaryDto>("/api/v1/mismatches/summary"))!;
        return summary.BySchool
            .First(s => s.Total >= 2 && s.SchoolCode != web.SchoolCode && s.SchoolCode != web.OtherSchoolCode && s.SchoolCode != BrowserHost.FaultedSchool)
            .SchoolCode;
    }

    [Fact]
    public async Task Officer_exports_the_filtered_follow_up_list_as_the_page_counts_it()
    {
        var communes = (await web.OfficerApi.GetFromJsonAsync<JsonElement>("/api/v1/province/areas?level=communes&sort=open&order=desc"))
            .GetProperty("rows").EnumerateArray().ToList();
        var commune = communes[0].GetProperty("key").GetString()!;
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        await page.GotoAsync($"/officer/items?communeCode={commune}");
        await page.SelectOptionAsync("[data-testid=kind-filter]", MismatchKinds.FieldMismatch);
        await page.WaitForAddressAsync($"**kind={MismatchKinds.FieldMismatch}*");
        var total = int.Parse((await page.GetAttributeAsync("[data-testid=queue-total]", "data-value"))!, CultureInfo.InvariantCulture);
        Assert.True(total > 0);

        var api = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&status=open&kind={MismatchKinds.FieldMismatch}&communeCode={commune}");
        Assert.Equal(total, api.Count);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=queue-export-xlsx]"));
        await using (var workbook = File.OpenRead(await download.PathAsync()))
        {
            var rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(total, rows.Count);
            Assert.All(rows, r => Assert.Equal(Labels.Kind(MismatchKinds.FieldMismatch), r["Loại"]?.ToString()));
            Assert.Equal(api.Select(i => i.Id).Order().ToList(), rows.Select(r => r["Mã mục"]?.ToString() ?? "").Order().ToList());
        }

        // Newest first, then by school: the list reads in that order, and so does its export.
        await page.SelectOptionAsync("[data-testid=sort-filter]", FollowUpQueue.Newest);
        await page.WaitForAddressAsync($"**sort={FollowUpQueue.Newest}*");
        var shown = await Ids(page);
        Assert.Equal(shown.OrderDescending(), shown);
        await page.SelectOptionAsync("[data-testid=sort-filter]", FollowUpQueue.BySchool);
        await page.WaitForAddressAsync($"**sort={FollowUpQueue.BySchool}*");
        var schools = await page.Locator("[data-testid=queue] tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.querySelector('a[href^=\"/schools/\"]')?.getAttribute('href') ?? '')");
        Assert.Equal(schools.Order(StringComparer.Ordinal), schools);
        var newest = await page.Context.APIRequest.GetAsync(
            $"/officer/items/export.csv?communeCode={commune}&kind={MismatchKinds.FieldMismatch}&sort={FollowUpQueue.Newest}");
        var exported = (await newest.TextAsync()).Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => long.Parse(l.Split(',')[0].Trim('"'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(exported.OrderDescending(), exported);

        var csv = await page.Context.APIRequest.GetAsync($"/officer/items/export.csv?communeCode={commune}&kind={MismatchKinds.FieldMismatch}");
        Assert.Equal(200, csv.Status);
        Assert.Equal("no-store", csv.Headers["cache-control"]);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);

        var audited = await web.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = ANY (@actions) AND detail LIKE @detail",
            ("actions", new[] { AuditAction.ExportXlsx, AuditAction.ExportCsv }), ("detail", $"%follow-up list%communeCode={commune}%"));
        Assert.Equal(3L, audited);
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task The_list_api_takes_the_follow_up_filters_and_names_a_bad_one_in_camel_case()
    {
        foreach (var (query, field) in new[] { ("communeCode=abc", "communeCode"), ("daysOpen=-1", "daysOpen"), ("level=nursery-x", "level") })
        {
            var response = await web.OfficerApi.GetAsync($"/api/v1/mismatches?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }

        var bad = await web.OfficerApi.GetAsync("/officer/items/export.csv?communeCode=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var all = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, "&status=open");
        var longOpen = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, "&status=open&daysOpen=1");
        Assert.NotEmpty(all);
        Assert.Empty(longOpen);
        var level = (string)(await web.ScalarAsync("SELECT level FROM schools WHERE level IS NOT NULL ORDER BY code LIMIT 1"))!;
        var ofLevel = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&status=open&level={level}");
        Assert.NotEmpty(ofLevel);
        Assert.True(ofLevel.Count < all.Count);
    }

    [Fact]
    public async Task Every_officer_page_reads_in_vietnamese_and_fits_at_1400_and_400_px()
    {
        var schools = (await web.OfficerApi.GetFromJsonAsync<JsonElement>("/api/v1/province/areas?level=schools&sort=open&order=desc"))
            .GetProperty("rows").EnumerateArray().First();
        var school = schools.GetProperty("key").GetString()!;
        var commune = schools.GetProperty("communeKey").GetString()!;
        var pages = new (string Name, string Url)[]
        {
            ("officer-overview", "/officer"),
            ("officer-communes", "/officer/communes"),
            ("officer-schools", "/officer/schools"),
            ("officer-commune-schools", $"/officer/schools?commune={commune}"),
            ("officer-school-items", $"/schools/{school}"),
            ("officer-follow-up", "/officer/items"),
            ("officer-follow-up-filtered", $"/officer/items?communeCode={commune}&status=open&daysOpen=7"),
            ("officer-trends", "/officer/trends"),
            ("officer-trends-commune", $"/officer/trends?communeCode={commune}&period=year"),
            ("officer-trends-school", $"/officer/trends?schoolCode={school}"),
            ("officer-trends-dates", $"/officer/trends?period=dates&from={DateTime.UtcNow.AddDays(-30):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"),
            ("officer-audit", "/officer/audit"),
        };
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        foreach (var (name, url) in pages)
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response!.Status);
            await BrowserHost.ScreenshotsAsync(page, name);
            await PageChecks.AssertStyledAsync(page);
            await PageChecks.AssertVietnameseAsync(page);
            await PageChecks.AssertFitsAsync(page);
            await page.SetViewportSizeAsync(BrowserHost.Narrow, 860);
            await PageChecks.AssertFitsAsync(page);
            await PageChecks.AssertVietnameseAsync(page);
            await page.SetViewportSizeAsync(BrowserHost.Wide, 900);
        }

        output.WriteLine($"Screenshots in {BrowserHost.ScreenshotDirectory}");

        // Every count and row of the overview and the drill-down leads to a list that answers, whatever the level's code.
        foreach (var from in new[] { "/officer", "/officer/communes", $"/officer/schools?commune={commune}" })
        {
            await page.GotoAsync(from);
            var links = await page.Locator("main a[href^='/officer/'], main a[href^='/schools/']").EvaluateAllAsync<string[]>("es => es.map(e => e.getAttribute('href'))");
            Assert.NotEmpty(links);
            foreach (var link in links.Distinct().Take(60))
            {
                var answer = await page.Context.APIRequest.GetAsync(link);
                Assert.True(answer.Status == 200, $"{from}: {link} answered {answer.Status}");
            }
        }

        // The trends: a chart and its table per question, readable on a phone.
        await page.GotoAsync("/officer/trends");
        foreach (var chart in new[] { "trend-coverage", "trend-kinds", "trend-changes" })
        {
            Assert.True(await page.Locator($"[data-testid={chart}] svg.bar").CountAsync() >= 1);
            Assert.True(await page.Locator($"[data-testid={chart}-table] tbody tr").CountAsync() >= 1);
        }

        await page.GotoAsync($"/officer/trends?period=dates&from={DateTime.UtcNow.AddDays(-30):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        Assert.True(await page.Locator("[data-testid=trend-coverage-table] tbody tr").CountAsync() >= 1);
        await page.GotoAsync($"/officer/trends?period=dates&from=2020-01-01&to=2020-02-01");
        Assert.Equal(1, await page.Locator("[data-testid=no-trend]").CountAsync());

        var badPeriod = await page.GotoAsync("/officer/trends?period=forever");
        Assert.Equal(400, badPeriod!.Status);
        await PageChecks.AssertVietnameseAsync(page);
        await page.GotoAsync("/officer");
        await Chromium.SignOutAsync(page);
    }

    private static async Task<long[]> Ids(IPage page) =>
        (await page.Locator("[data-testid=queue] tbody tr[data-item]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.item)"))
        .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray();
}
