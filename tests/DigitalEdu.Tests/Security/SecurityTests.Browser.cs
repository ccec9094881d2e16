using DigitalEdu.Tests.Infrastructure;
using DigitalEdu.Tests.Web;
using Microsoft.Playwright;

namespace DigitalEdu.Tests.Security;

/// <summary>In a real browser: the content security policy blocks nothing the pages need, unmasking asks why, and the layout's button signs out.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task In_a_browser_the_pages_break_no_policy_unmasking_asks_why_and_the_layouts_button_signs_out()
    {
        var item = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open")).First(i => i.PersonalId is not null);
        foreach (var width in new[] { 1400, 400 })
        {
            var page = await web.BrowserSignedInAsync(SecurityFixture.OfficerEmail, width);
            var violations = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                {
                    violations.Add(message.Text);
                }
            };

            foreach (var path in new[] { "/officer", "/officer/audit", $"/schools/{web.SchoolCode}", $"/schools/{web.SchoolCode}/items/{item.Id}" })
            {
                await page.GotoAsync(path);

                // The stylesheet applied: the header has the brand colour, not the browser's default.
                Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvalOnSelectorAsync<string>("header.top", "e => getComputedStyle(e).backgroundColor"));
            }

            // The reveal form needs a purpose before it sends anything.
            await page.ClickAsync("button:has-text('Hiện')");
            Assert.Contains("*", await page.InnerTextAsync("[data-testid=personal-id]"), StringComparison.Ordinal);
            await page.FillAsync("input[name=purpose]", "Đối chiếu với hồ sơ gốc");
            await page.ClickAsync("button:has-text('Hiện')");
            await page.WaitForSelectorAsync("[data-testid=personal-id]");
            Assert.DoesNotContain("*", await page.InnerTextAsync("[data-testid=personal-id]"), StringComparison.Ordinal);

            await page.GotoAsync("/officer/audit?action=show_personal_id");
            Assert.Contains("Đối chiếu với hồ sơ gốc", await page.InnerTextAsync("[data-testid=audit]"), StringComparison.Ordinal);
            await WebFixture.ScreenshotAsync(page, $"security-audit-{width}", fullPage: false);
            Assert.Empty(violations);

            await Chromium.SignOutAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task In_a_browser_the_job_dashboard_works_under_the_same_policy()
    {
        var page = await web.BrowserSignedInAsync(SecurityFixture.OperatorEmail);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser asks for a favicon the service has none of; anything else is a real error.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                violations.Add(message.Text + " @ " + message.Location);
            }
        };

        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/succeeded", "/hangfire/recurring", "/hangfire/servers" })
        {
            var response = await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // Its charts need inline styles; its scripts stay the service's own files.
            var csp = await response!.HeaderValueAsync("content-security-policy");
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.GotoAsync("/operator");
        await Chromium.SignOutAsync(page);
    }
}
