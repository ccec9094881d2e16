using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages;

/// <summary>
/// POST only, with the antiforgery token, so a link on another site cannot sign a user out. Signing out deletes the session on
/// the server (WebSessionStore): the old cookie, wherever a copy of it is, opens nothing afterwards.
/// </summary>
public sealed class SignOutModel(AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(AuditAction.SignOut, new AuditSubject(), cancellationToken: cancellationToken);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/sign-in");
    }
}
