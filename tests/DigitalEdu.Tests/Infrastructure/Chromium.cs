using Microsoft.Playwright;

namespace DigitalEdu.Tests.Infrastructure;

/// <summary>Debian's Chromium through Playwright, headless; never a downloaded browser.</summary>
public static class Chromium
{
    private static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Args,
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Signs the page's user out with the layout's "Đăng xuất" button, as a person would, and checks the session is over: the
    /// button lands on the sign-in page, and a page that needs a user sends the browser back there.
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync("[data-testid=sign-out] button");
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/schools");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    }
}
