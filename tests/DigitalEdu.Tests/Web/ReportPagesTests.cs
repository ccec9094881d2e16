using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Domain.Reporting;
using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Reports;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The officer's reports in a real browser against the service started as the demo starts it: freeze a cut-off, export its
/// xlsx (opened and checked cell by cell against the snapshot), print it, upload a hand-typed report and read its problems;
/// every reports page in Vietnamese at 1400 and 400 px, with screenshots (TestResults/screenshots/reports-*).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPagesTests(BrowserHost web)
{
    [Fact]
    public async Task Officer_freezes_a_cut_off_exports_it_and_reads_the_problems_of_a_hand_typed_report()
    {
        var page = await web.SignInAsync(BrowserHost.OfficerEmail);
        await page.ClickAsync("nav a[href='/reports']");
        await page.WaitForAddressAsync("**/reports");
        await CheckAsync(page, "reports-list");

        // Before an end of year was frozen, the pupils expected back have no roll to come from, and the page says so.
        await page.ClickAsync("[data-testid=expected-back-link]");
        await page.WaitForSelectorAsync("[data-testid=no-roll]");
        await CheckAsync(page, "reports-expected-back");
        await page.GotoAsync("/reports");

        // Freeze today: the snapshot's page opens on the province.
        await page.ClickAsync("[data-testid=freeze] button");
        await page.WaitForAddressAsync("**/reports/*-*-*-*-*");
        var id = Guid.Parse(page.Url.Split('/')[^1]);
        Assert.Equal("Toàn tỉnh", (await page.InnerTextAsync("[data-testid=unit-name]")).Trim());
        Assert.True(await page.Locator("[data-testid=by-level] tbody tr").CountAsync() >= 5);
        var sentences = await page.InnerTextAsync("[data-testid=sentences]");
        Assert.Contains("hồ sơ được cập nhật đầy đủ thông tin", sentences, StringComparison.Ordinal);
        Assert.Matches(@"\d{1,3}(\.\d{3})*/\d{1,3}(\.\d{3})* \(\d{1,3},\d{2}%\)", sentences);
        await CheckAsync(page, "reports-snapshot");

        // The xlsx, cell by cell: each data row is the snapshot's figures for that commune, level and person kind.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        var file = Path.Combine(BrowserHost.ScreenshotDirectory, "reports-export.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var detail = await web.OfficerApi.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{id}");
        var cutOff = DateOnly.Parse(detail.GetProperty("snapshot").GetProperty("cutOff").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal($"Số liệu tính đến ngày {cutOff:dd/MM/yyyy}", rows[2]["A"]);
        var parts = detail.GetProperty("report").GetProperty("parts").EnumerateArray().ToList();
        var rowIndex = 5;
        var number = 0;
        foreach (var part in parts)
        {
            foreach (var line in part.GetProperty("lines").EnumerateArray())
            {
                var row = rows[rowIndex++];
                var f = line.GetProperty("figures");
                var persons = f.GetProperty("persons").GetInt32();
                var staff = line.GetProperty("personKind").GetString() == "staff";
                Assert.Equal((++number).ToString(CultureInfo.InvariantCulture), row["A"]?.ToString());
                Assert.Equal(part.GetProperty("code").GetString(), row["B"]?.ToString());
                Assert.Equal(part.GetProperty("name").GetString(), row["C"]);
                Assert.Equal(staff ? "Cán bộ, giáo viên, nhân viên" : "Người học", row["E"]);
                Assert.Equal(ReportNumbers.Count(persons), row["F"]);
                string[] counts = ["withPersonalId", "complete", "verified", "notVerified", "healthSynced"];
                string[] columns = ["G", "I", "K", "M", "O"];
                for (var i = 0; i < counts.Length; i++)
                {
                    if (staff && counts[i] == "healthSynced")
                    {
                        Assert.Equal("", row[columns[i]]?.ToString() ?? "");
                        continue;
                    }

                    var count = f.GetProperty(counts[i]).GetInt32();
                    Assert.Equal(ReportNumbers.Count(count), row[columns[i]]);
                    Assert.Equal(ReportNumbers.Percent(count, persons), row[((char)(columns[i][0] + 1)).ToString()]);
                }
            }
        }

        Assert.Equal("Tổng cộng", rows[rowIndex]["C"]);
        Assert.Equal(ReportNumbers.Count(detail.GetProperty("report").GetProperty("total").GetProperty("persons").GetInt32()), rows[rowIndex]["F"]);

        // The print page: the same table for an A4 sheet, with the preparer's and the head's lines.
        await page.ClickAsync("[data-testid=print]");
        await page.WaitForAddressAsync("**/print?*");
        Assert.Contains("Thủ trưởng đơn vị", await page.InnerTextAsync("[data-testid=print-sheet]"), StringComparison.Ordinal);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("header.top").IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await CheckAsync(page, "reports-print");

        // A hand-typed copy: a share mistyped and words where a count belongs. The untouched export has nothing to report.
        var typed = rows.Select(r => r.ToDictionary(c => c.Key, c => c.Value)).ToList();
        var firstPupils = Enumerable.Range(5, rowIndex - 5).First(i => Equals(typed[i]["E"], "Người học"));
        typed[firstPupils]["H"] = "12,34%";
        typed[firstPupils + 1]["K"] = "Trên 40";
        var handTyped = Path.Combine(BrowserHost.ScreenshotDirectory, "reports-hand-typed.xlsx");
        File.Delete(handTyped);
        MiniExcel.SaveAs(handTyped, typed, printHeader: false);

        await page.GotoAsync($"/reports/check?snapshotId={id}");
        await CheckAsync(page, "reports-check");
        await page.SetInputFilesAsync("[data-testid=check-form] input[type=file]", file);
        await page.ClickAsync("[data-testid=check-form] button");
        await page.WaitForSelectorAsync("[data-testid=no-problems]");

        await page.SetInputFilesAsync("[data-testid=check-form] input[type=file]", handTyped);
        await page.ClickAsync("[data-testid=check-form] button");
        await page.WaitForSelectorAsync("[data-testid=problems]");
        var found = await page.Locator("[data-testid=problems] tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.cell + ' ' + r.dataset.kind)");
        Assert.Contains($"H{firstPupils + 1} percentage", found);
        Assert.Contains($"K{firstPupils + 2} not_a_number", found);
        var text = await page.InnerTextAsync("[data-testid=problems]");
        Assert.Contains("Tỷ lệ sai", text, StringComparison.Ordinal);
        Assert.Contains("Trên 40", text, StringComparison.Ordinal);
        await CheckAsync(page, "reports-check-problems");

        // A file that is not the layout: what is wrong, in Vietnamese, and nothing else.
        await page.SetInputFilesAsync("[data-testid=check-form] input[type=file]", Path.Combine(HandTypedReports.Folder, "khong-dung-mau.xlsx"));
        await page.ClickAsync("[data-testid=check-form] button");
        Assert.Contains("không theo mẫu báo cáo", await page.InnerTextAsync("[data-testid=check-error]"), StringComparison.Ordinal);
        await CheckAsync(page, "reports-check-refused");

        // Two snapshots compared: nothing changed between them.
        await page.GotoAsync("/reports");
        await page.ClickAsync("[data-testid=freeze] button");
        await page.WaitForAddressAsync("**/reports/*-*-*-*-*");
        var second = page.Url.Split('/')[^1];
        await page.GotoAsync($"/reports/compare?before={id}&after={second}");
        await page.WaitForSelectorAsync("[data-testid=no-changes]");
        await CheckAsync(page, "reports-compare");

        // A commune's and a school's report, down from the province.
        await page.GotoAsync($"/reports/{id}");
        await page.Locator("[data-testid=part-link]").First.ClickAsync();
        await page.WaitForAddressAsync("**unit=commune*");
        await CheckAsync(page, "reports-commune");
        await page.Locator("[data-testid=part-link]").First.ClickAsync();
        await page.WaitForAddressAsync("**unit=school*");
        await CheckAsync(page, "reports-school");
        await Chromium.SignOutAsync(page);
    }

    [Fact]
    public async Task A_school_sees_its_own_figures_only_and_cannot_freeze()
    {
        var frozen = await web.OfficerApi.PostAsJsonAsync("/api/v1/reports/snapshots", new { });
        var id = (await frozen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var school = await web.ApiClientAsync("school", web.SchoolCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await school.PostAsJsonAsync("/api/v1/reports/snapshots", new { })).StatusCode);
        var own = await school.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{id}");
        Assert.Equal(web.SchoolCode, own.GetProperty("report").GetProperty("code").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await school.GetAsync($"/api/v1/reports/snapshots/{id}?unit=province")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await school.GetAsync($"/api/v1/reports/snapshots/{id}?unit=school&code={web.OtherSchoolCode}")).StatusCode);
        var bad = await school.GetAsync($"/api/v1/reports/snapshots/{id}?unit=district");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await web.SignInAsync(BrowserHost.SchoolEmail);
        await page.GotoAsync($"/reports/{id}");
        Assert.Equal(0, await page.Locator("[data-testid=freeze]").CountAsync());
        await CheckAsync(page, "reports-school-own");
        await Chromium.SignOutAsync(page);
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await BrowserHost.ScreenshotsAsync(page, name);
        await PageChecks.AssertStyledAsync(page);
        await PageChecks.AssertVietnameseAsync(page);
        await PageChecks.AssertFitsAsync(page);
        await page.SetViewportSizeAsync(BrowserHost.Narrow, 860);
        await PageChecks.AssertFitsAsync(page);
        await page.SetViewportSizeAsync(BrowserHost.Wide, 900);
    }
}
