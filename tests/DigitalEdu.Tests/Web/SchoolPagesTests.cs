using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// Every page a school user can reach, in every state the simulators' data and a clerk's actions produce (every kind, detail,
/// side and person kind of item; open, marked fixed, reopened, resolved and dismissed; a check and its refusal; the returned
/// spreadsheet's outcomes; the error pages), at 400 px: no raw code or English word, no element wider than the screen.
/// The first page of each kind is also photographed at 1400 and 400 px (TestResults/screenshots/walk-*).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SchoolPagesTests(BrowserHost web, ITestOutputHelper output)
{
    private readonly HashSet<string> photographed = [];
    private readonly List<string> problems = [];
    private int pagesChecked;

    [Fact]
    public async Task Every_school_page_in_every_state_speaks_vietnamese_and_fits_a_phone()
    {
        var school = web.OtherSchoolCode;
        await ProduceEveryItemStateAsync(school);

        var page = await web.SignInAsync(BrowserHost.AllSchoolsEmail, BrowserHost.Narrow);
        Assert.EndsWith("/schools", page.Url);
        await PageChecks.AssertStyledAsync(page);
        await CheckAsync(page, "schools");
        Assert.Equal(web.AllSchools.Count, await page.Locator("[data-testid=schools] tbody tr").CountAsync());

        foreach (var code in web.AllSchools)
        {
            await VisitAsync(page, $"/schools/{code}", "list-open");
        }

        // The school whose items were taken through every state: each status, each kind, each filter.
        foreach (var status in MismatchStatus.All)
        {
            await VisitAsync(page, $"/schools/{school}?status={status}", $"list-{status}");
        }

        foreach (var kind in MismatchKinds.All)
        {
            await VisitAsync(page, $"/schools/{school}?status=open&kind={kind}", "list-kind");
        }

        var someone = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={school}&status=open"))
            .First(i => i.Person?.FullName is not null && i.Person.ClassName is not null).Person!;
        await VisitAsync(page, $"/schools/{school}?search={Uri.EscapeDataString(PageChecks.WithoutDiacritics(someone.FullName!))}", "list-search");
        await VisitAsync(page, $"/schools/{school}?search=khong-ai-ten-the-nay", "list-search-empty");
        await VisitAsync(page, $"/schools/{school}?className={Uri.EscapeDataString(someone.ClassName!)}", "list-class");
        await VisitAsync(page, $"/schools/{school}?personKind={WireNames.Staff}", "list-staff");

        // One item page of each kind of rendering: kind, detail, side, person kind, status, reopened or not.
        var items = new List<MismatchDto>();
        foreach (var status in MismatchStatus.All)
        {
            items.AddRange(await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&status={status}"));
        }

        var reopened = (await ReopenedAsync()).ToHashSet();
        var shown = items.GroupBy(i => (i.Kind, i.Detail, i.Side, i.PersonKind, i.Status, Reopened: reopened.Contains(i.Id))).Select(g => g.First()).ToList();
        Assert.Contains(shown, i => reopened.Contains(i.Id));
        foreach (var item in shown)
        {
            await VisitAsync(page, $"/schools/{item.SchoolCode}/items/{item.Id}", $"item-{item.Kind}");
            if (item.Field is Fields.EthnicityCode or Fields.Gender or Fields.Status && item.Kind == MismatchKinds.FieldMismatch)
            {
                // A code list's value by its name: an ethnic group is never shown as its number.
                var cells = await page.Locator("[data-testid=compare] tbody td").AllInnerTextsAsync();
                Assert.DoesNotContain(cells, c => Digits().IsMatch(c.Trim()));
            }
        }

        // "Kiểm tra lại" again within the minute: refused, and said so.
        await page.GotoAsync($"/schools/{school}");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("[data-testid=check-now]"), r => r.Url.EndsWith("/checks", StringComparison.Ordinal));
        Assert.Equal(429, refused.Status);
        await CheckAsync(page, "check-refused");

        // The returned spreadsheet: the page, a file that is none, a row nobody can read, and one applied.
        await VisitAsync(page, $"/schools/{school}/import", "import");
        await UploadAsync(page, school, await NotASpreadsheetAsync(), "import-error");
        var export = await ExportAsync(school);
        await UploadAsync(page, school, Tick(export, "có lẽ"), "import-blocked");
        await UploadAsync(page, school, Tick(export, "x"), "import-done");

        // The error pages, in the site's layout.
        await VisitAsync(page, $"/schools/{school}/items/999999999", "error-404", HttpStatusCode.NotFound);
        await VisitAsync(page, $"/schools/{school}?status=khong-co", "error-400", HttpStatusCode.BadRequest);
        await VisitAsync(page, "/officer", "error-403", HttpStatusCode.Forbidden);
        await VisitAsync(page, "/hangfire", "error-403", HttpStatusCode.Forbidden);
        await VisitAsync(page, "/error/500", "error-500", HttpStatusCode.InternalServerError);
        output.WriteLine($"{pagesChecked} pages checked; screenshots in {BrowserHost.ScreenshotDirectory}");
        Assert.True(problems.Count == 0, $"{problems.Count} of {pagesChecked} pages fail:\n{string.Join("\n", problems)}");
    }

    /// <summary>
    /// On one school: two items marked fixed that the next run finds again (reopened), one fixed in the SMS (resolved), one
    /// dismissed by an officer, and another marked fixed after the run (awaiting confirmation). The run is the clerk's "Kiểm tra
    /// lại", so its outcome page is walked too.
    /// </summary>
    private async Task ProduceEveryItemStateAsync(string school)
    {
        using var clerk = await web.ApiClientAsync(Roles.School, school);
        var open = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={school}&status=open");
        var markable = open.Where(i => !i.OperatorOnly).ToList();
        var fixedInSms = markable.First(i => i is { Kind: MismatchKinds.FieldMismatch, Field: Fields.FullName, FixIn: "sms", SmsKey: not null, NationalValue: not null });
        var rest = markable.Where(i => i.Id != fixedInSms.Id).ToList();
        foreach (var item in rest.Take(2))
        {
            (await clerk.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/fixed", new { note = "Đã sửa trên SMS" })).EnsureSuccessStatusCode();
        }

        (await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{rest[2].Id}/dismiss", new { reason = "Học sinh đã chuyển trường" })).EnsureSuccessStatusCode();
        using (var sms = new HttpClient { BaseAddress = web.Simulators.SmsUrl })
        {
            var dataset = fixedInSms.PersonKind == WireNames.Staff ? "sms-staff" : "sms-students";
            (await sms.PatchAsJsonAsync($"/admin/records/{dataset}/{fixedInSms.SmsKey}", new { fullName = fixedInSms.NationalValue })).EnsureSuccessStatusCode();
        }

        var page = await web.SignInAsync(BrowserHost.AllSchoolsEmail, BrowserHost.Narrow);
        await page.GotoAsync($"/schools/{school}");
        await page.ClickAsync("[data-testid=check-now]");
        await page.WaitForSelectorAsync("[data-testid=check-done]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.Equal(1, await page.Locator($"[data-testid=checked-resolved] tr[data-item='{fixedInSms.Id}']").CountAsync());
        Assert.Equal(2, await page.Locator("[data-testid=checked-reopened] tbody tr").CountAsync());
        await CheckAsync(page, "check-done");
        await page.Context.CloseAsync();

        (await clerk.PostAsJsonAsync($"/api/v1/mismatches/{rest[3].Id}/fixed", new { note = (string?)null })).EnsureSuccessStatusCode();
    }

    private async Task VisitAsync(IPage page, string path, string kind, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == (int)expected, $"{path}: {response?.Status}, expected {(int)expected}");
        await CheckAsync(page, kind);
    }

    /// <summary>The page as it is now: Vietnamese, and fitting 400 px; the first of its kind photographed at both widths.</summary>
    private async Task CheckAsync(IPage page, string kind)
    {
        pagesChecked++;
        foreach (var check in new Func<IPage, Task>[] { PageChecks.AssertVietnameseAsync, PageChecks.AssertFitsAsync })
        {
            try
            {
                await check(page);
            }
            catch (Xunit.Sdk.XunitException failed)
            {
                // Every page is walked before the test fails, so one run names every page that needs work.
                problems.Add(failed.Message);
            }
        }

        if (photographed.Add(kind))
        {
            await BrowserHost.ScreenshotsAsync(page, "walk-" + kind);
        }
    }

    private async Task UploadAsync(IPage page, string school, string file, string state)
    {
        await page.GotoAsync($"/schools/{school}/import");
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync($"[data-testid={state}]");
        await CheckAsync(page, state);
    }

    private async Task<List<Dictionary<string, object?>>> ExportAsync(string school)
    {
        using var clerk = await web.ApiClientAsync(Roles.School, school);
        await using var stream = await clerk.GetStreamAsync($"/schools/{school}/export.xlsx");
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        return MiniExcel.Query(buffer, useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
    }

    /// <summary>The export with its first row ticked with <paramref name="mark"/>.</summary>
    private static string Tick(List<Dictionary<string, object?>> rows, string mark)
    {
        var path = Path.Combine(Path.GetTempPath(), $"da-sua-{Guid.NewGuid():N}.xlsx");
        var written = rows.Select((r, i) => Service.Vocabulary.ExportHeaders.Items.ToDictionary(h => h, h =>
            h == Service.Vocabulary.ExportHeaders.Fixed ? (i == 0 ? mark : null) : r.GetValueOrDefault(h))).ToList();
        MiniExcel.SaveAs(path, written, excelType: ExcelType.XLSX);
        return path;
    }

    private static async Task<string> NotASpreadsheetAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"khong-phai-excel-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllTextAsync(path, "day khong phai bang tinh");
        return path;
    }

    /// <summary>The open items a run found again after they were marked fixed.</summary>
    private async Task<IReadOnlyList<string>> ReopenedAsync()
    {
        await using var db = new Npgsql.NpgsqlConnection(web.ConnectionString);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT DISTINCT m.id FROM mismatches m JOIN mismatch_events e ON e.mismatch_id = m.id WHERE m.status = 'open' AND e.from_status = 'fixed_pending' AND e.to_status = 'open'",
            db);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex Digits();
}
