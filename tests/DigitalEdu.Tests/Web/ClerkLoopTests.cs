using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The school clerk's loop in a real browser, against the service started as the demo starts it: find a pupil by a name typed
/// without diacritics, read what to do, fix the record in the SMS (the simulator's admin PATCH), "Kiểm tra lại" and see the item
/// resolved; mark several items at once, see them reopen when the fix did not reach the data, and send the exported spreadsheet
/// back ticked. Screenshots of each step at 1400 and 400 px go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClerkLoopTests(BrowserHost web, ITestOutputHelper output)
{
    private static readonly string[] IdentityFields = [Fields.FullName, Fields.FatherName, Fields.MotherName, Fields.DateOfBirth];

    [Fact]
    public async Task School_clerk_finds_a_pupil_typed_without_diacritics_fixes_checks_marks_three_and_round_trips_the_xlsx()
    {
        var page = await web.SignInAsync(BrowserHost.SchoolEmail);
        Assert.EndsWith($"/schools/{web.SchoolCode}", page.Url);
        await PageChecks.AssertStyledAsync(page);

        // A pupil whose SMS record disagrees with a national record verified against the population database.
        var open = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open");
        var target = open
            .Where(i => i is { Kind: MismatchKinds.FieldMismatch, PersonKind: WireNames.Student, FixIn: "sms", SmsKey: not null, NationalValue: not null }
                        && i.Field is { } field && IdentityFields.Contains(field) && i.Person?.FullName is not null && i.Person.ClassName is not null)
            .OrderBy(i => Array.IndexOf(IdentityFields, i.Field)).First();
        var name = target.Person!.FullName!;
        var typed = PageChecks.WithoutDiacritics(name);
        Assert.NotEqual(name.ToLowerInvariant(), typed);

        // Found by the name typed without its marks.
        await page.FillAsync("[data-testid=search]", typed);
        await page.ClickAsync("[data-testid=filters] button[type=submit]");
        await page.WaitForAddressAsync("**search=**");
        var row = page.Locator($"[data-testid=items] tr[data-item='{target.Id}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(name, await row.Locator("[data-testid=person-name]").InnerTextAsync());
        await BrowserHost.ScreenshotsAsync(page, "clerk-1-search");

        // The guidance names the person, the class, the value to enter and where.
        await row.Locator("td.open a").ClickAsync();
        await page.WaitForAddressAsync($"**/items/{target.Id}");
        var guidance = await page.InnerTextAsync("[data-testid=guidance]");
        var value = Labels.Value(target.Field, target.NationalValue);
        Assert.Contains($"học sinh {name}, lớp {target.Person.ClassName}", guidance);
        Assert.Contains($"trên SMS thành «{value}»", guidance);
        Assert.Equal(name, await page.InnerTextAsync("[data-testid=person-name]"));
        await BrowserHost.ScreenshotsAsync(page, "clerk-2-item");

        // Fixed in the SMS, checked at once: the item is resolved.
        using (var sms = new HttpClient { BaseAddress = web.Simulators.SmsUrl })
        {
            var patch = await sms.PatchAsJsonAsync($"/admin/records/sms-students/{target.SmsKey}", new Dictionary<string, string> { [target.Field!] = target.NationalValue! });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        await page.ClickAsync("[data-testid=check-now]");
        await page.WaitForAddressAsync("**/checks/**");
        await page.WaitForSelectorAsync("[data-testid=check-done]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.Equal(SyncRunStatus.Succeeded, await page.GetAttributeAsync("[data-testid=check-done]", "data-status"));
        Assert.Equal(1, await page.Locator($"[data-testid=checked-resolved] tr[data-item='{target.Id}']").CountAsync());
        await BrowserHost.ScreenshotsAsync(page, "clerk-3-check");
        await page.GotoAsync($"/schools/{web.SchoolCode}/items/{target.Id}");
        Assert.Equal(MismatchStatus.Resolved, await page.GetAttributeAsync("[data-testid=item-status]", "data-value"));

        // One check per school per minute, and each one started is in the audit log.
        var again = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("[data-testid=check-now]"), r => r.Url.EndsWith("/checks", StringComparison.Ordinal));
        Assert.Equal(429, again.Status);
        Assert.True(await page.IsVisibleAsync("[data-testid=check-refused]"));
        Assert.Equal(1L, await web.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = @action AND school_code = @school AND actor = @actor",
            ("action", AuditAction.CheckSchool), ("school", web.SchoolCode), ("actor", BrowserHost.SchoolEmail)));

        // Three items marked fixed at once.
        await page.GotoAsync($"/schools/{web.SchoolCode}");
        var picks = page.Locator("[data-testid=items] tbody tr:has([data-testid=pick])");
        var marked = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            marked.Add((await picks.Nth(i).GetAttributeAsync("data-item"))!);
            await picks.Nth(i).Locator("[data-testid=pick]").CheckAsync();
        }

        await page.ClickAsync("[data-testid=mark-selected]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        Assert.Contains("Đã đánh dấu 3 mục đã sửa", await page.InnerTextAsync("[data-testid=message]"));
        var pending = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=fixed_pending");
        Assert.All(marked, id => Assert.Contains(pending, p => p.Id == id));
        await BrowserHost.ScreenshotsAsync(page, "clerk-4-marked");

        // Nothing was fixed in the data: the next run opens them again, and the list puts them first, saying why.
        await DigitalEduApp.RunSyncAsync(web.OperatorApi, SyncMode.Full, web.SchoolCode);
        await page.GotoAsync($"/schools/{web.SchoolCode}");
        var rows = await page.Locator("[data-testid=items] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.item + ':' + r.className)");
        var reopenedFirst = rows.TakeWhile(r => r.EndsWith(":reopened", StringComparison.Ordinal)).Select(r => r.Split(':')[0]).ToList();
        Assert.All(marked, id => Assert.Contains(id, reopenedFirst));
        Assert.Contains("Mở lại: đã đánh dấu sửa", await page.InnerTextAsync($"[data-testid=items] tr[data-item='{marked[0]}'] [data-testid=reopened]"));
        await BrowserHost.ScreenshotsAsync(page, "clerk-5-reopened");
        await page.GotoAsync($"/schools/{web.SchoolCode}/items/{marked[0]}");
        Assert.Contains("Mục bị mở lại", await page.InnerTextAsync("[data-testid=reopened]"));

        // The Excel round trip: the export comes back with two items ticked, and one only the operator can act on.
        await page.GotoAsync($"/schools/{web.SchoolCode}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-xlsx]"));
        var sheet = ReadSheet(await download.PathAsync());
        var operatorOnly = Labels.FixTarget(FixTarget.Operator);
        var mine = sheet.Select((r, i) => (Row: r, Line: i + 2)).Where(x => !Equals(x.Row["Ai xử lý"], operatorOnly)).Take(2).ToList();
        var theirs = sheet.Select((r, i) => (Row: r, Line: i + 2)).First(x => Equals(x.Row["Ai xử lý"], operatorOnly));
        Assert.All(sheet, r => Assert.True(r.ContainsKey(ExportHeaders.Fixed) && r.ContainsKey("Họ và tên")));
        Assert.True(sheet.Count(r => r["Họ và tên"] is string) >= sheet.Count * 9 / 10, "the export says who most items are about");

        // A file that is no spreadsheet, and one with a tick nobody can read, mark nothing and say why.
        var notASheet = Path.Combine(Path.GetTempPath(), $"khong-phai-excel-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllTextAsync(notASheet, "Mã mục,Đã sửa\n1,x\n");
        await UploadAsync(page, notASheet);
        Assert.True(await page.IsVisibleAsync("[data-testid=import-error]"));
        var unreadable = WriteSheet(sheet, new Dictionary<int, string> { [mine[0].Line] = "x", [mine[1].Line] = "có lẽ" });
        await UploadAsync(page, unreadable);
        Assert.Equal(1, await page.Locator($"[data-testid=import-blocking] tr[data-row='{mine[1].Line}']").CountAsync());
        Assert.DoesNotContain(await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=fixed_pending"),
            i => i.Id == Id(mine[0].Row));

        var ticked = WriteSheet(sheet, new Dictionary<int, string> { [mine[0].Line] = "x", [mine[1].Line] = "X", [theirs.Line] = "x" });
        await UploadAsync(page, ticked);
        await page.WaitForSelectorAsync("[data-testid=import-done]");
        Assert.Equal("2", await page.GetAttributeAsync("[data-testid=import-done]", "data-marked"));
        Assert.Contains("đơn vị vận hành", await page.InnerTextAsync($"[data-testid=import-left] tr[data-row='{theirs.Line}']"));
        await BrowserHost.ScreenshotsAsync(page, "clerk-6-import");
        pending = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=fixed_pending");
        Assert.Contains(pending, p => p.Id == Id(mine[0].Row));
        Assert.Contains(pending, p => p.Id == Id(mine[1].Row));
        Assert.DoesNotContain(pending, p => p.Id == Id(theirs.Row));
        Assert.Equal(1L, await web.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = @action AND school_code = @school",
            ("action", AuditAction.ImportFixed), ("school", web.SchoolCode)));
        output.WriteLine($"Screenshots: {BrowserHost.ScreenshotDirectory}");
    }

    /// <summary>
    /// The loop's last step: the clerk signs out through the layout's button, and the session's cookie, copied before, is
    /// refused afterwards: sign-out ends the session on the server, not only in the browser.
    /// </summary>
    [Fact]
    public async Task School_clerk_signs_out_and_the_old_session_is_refused()
    {
        var page = await web.SignInAsync(BrowserHost.SchoolEmail);
        await page.FillAsync("[data-testid=search]", "nguyen");
        await page.ClickAsync("[data-testid=filters] button[type=submit]");
        await page.WaitForAddressAsync("**search=**");
        var cookies = await page.Context.CookiesAsync();

        await page.ClickAsync("header form[action='/sign-out'] button");
        await page.WaitForAddressAsync("**/sign-in**");

        var stale = await (await web.BrowserAsync()).NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseUrl.ToString() });
        await stale.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        var old = await stale.NewPageAsync();
        await old.GotoAsync($"/schools/{web.SchoolCode}");
        Assert.Contains("/sign-in", old.Url);
        Assert.Equal(0, await old.Locator("[data-testid=items]").CountAsync());
    }

    private static async Task UploadAsync(IPage page, string file)
    {
        await page.GotoAsync(page.Url.Contains("/import", StringComparison.Ordinal) ? page.Url : page.Url.Split('?')[0] + "/import");
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForLoadStateAsync();
    }

    private static List<Dictionary<string, object?>> ReadSheet(string path)
    {
        using var stream = File.OpenRead(path);
        return MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
    }

    /// <summary>The exported rows written back, with "Đã sửa" filled on the given spreadsheet rows (header = row 1).</summary>
    private static string WriteSheet(List<Dictionary<string, object?>> rows, IReadOnlyDictionary<int, string> ticks)
    {
        var path = Path.Combine(Path.GetTempPath(), $"da-sua-{Guid.NewGuid():N}.xlsx");
        var written = rows.Select((r, i) => ExportHeaders.Items.ToDictionary(h => h, h =>
            h == ExportHeaders.Fixed ? (object?)ticks.GetValueOrDefault(i + 2) : r.GetValueOrDefault(h))).ToList();
        MiniExcel.SaveAs(path, written, excelType: ExcelType.XLSX);
        return path;
    }

    private static string Id(Dictionary<string, object?> row) =>
        Convert.ToString(row[ExportHeaders.ItemId], CultureInfo.InvariantCulture)!;
}
