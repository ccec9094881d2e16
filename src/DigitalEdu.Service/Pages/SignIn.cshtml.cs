using DigitalEdu.Service.Access;
using DigitalEdu.Service.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DigitalEdu.Service.Pages;

/// <summary>
/// Password sign-in (users from <c>create-user</c>) and, when configured, the identity provider's. Attempts are limited per
/// client address (<see cref="WebProtection.SignInPolicy"/>) and per account (lockout, in <see cref="WebUserSignIn"/>).
/// </summary>
[EnableRateLimiting(WebProtection.SignInPolicy)]
public sealed class SignInModel(WebUserSignIn signIn, OpenIdConnectSettings sso) : PageModel
{
    public OpenIdConnectSettings Sso => sso;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Email { get; private set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        Email = email;
        var attempt = await signIn.SignInAsync(email ?? "", password ?? "", cancellationToken);
        if (attempt.Principal is null)
        {
            // One message for a wrong password, an unknown account and a locked one: the page does not say which accounts exist.
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, attempt.Principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(SafeReturnUrl());
    }

    public IActionResult OnPostSso() => sso.IsConfigured
        ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, OpenIdConnectSettings.Scheme)
        : NotFound();

    // Only local paths: an absolute return address would make the sign-in page an open redirect.
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
