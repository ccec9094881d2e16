using DigitalEdu.Service.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages;

/// <summary>Password sign-in (users from <c>create-user</c>) and, when configured, the identity provider's.</summary>
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

    public async Task<IActionResult> OnPostAsync(string email, string password, CancellationToken cancellationToken)
    {
        Email = email;
        var principal = await signIn.VerifyAsync(email ?? "", password ?? "", cancellationToken);
        if (principal is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(SafeReturnUrl());
    }

    public IActionResult OnPostSso() => sso.IsConfigured
        ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, OpenIdConnectSettings.Scheme)
        : NotFound();

    // Only local paths: an absolute return address would make the sign-in page an open redirect.
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
