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
    /// Waits until the page is at an address <paramref name="glob"/> matches and has loaded. Playwright .NET's own wait, when
    /// the address already matches, checks whether the load event has fired and then subscribes to it from another thread
    /// than the one delivering it, so on a busy machine it can miss the event and wait out its timeout
    /// (microsoft/playwright-dotnet#3364). Asked again, it finds the event recorded and returns at once; an address that never
    /// matches still times out.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        return AskTwiceAsync(options => page.WaitForURLAsync(glob, options));
    }

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static Task WaitForAddressAsync(this IPage page, Func<string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(page);
        return AskTwiceAsync(options => page.WaitForURLAsync(matches, options));
    }

    private static async Task AskTwiceAsync(Func<PageWaitForURLOptions, Task> wait)
    {
        try
        {
            await wait(new PageWaitForURLOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            await wait(new PageWaitForURLOptions { Timeout = 30_000 });
        }
    }

    /// <summary>
    /// Signs the page's user out with the layout's "Đăng xuất" button, as a person would, and checks the session is over: the
    /// button lands on the sign-in page, and a page that needs a user sends the browser back there.
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync("[data-testid=sign-out] button");
        await page.WaitForAddressAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/schools");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
    }
}
