using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages;

/// <summary>
/// The error page of the web pages (<see cref="Web.ErrorPages"/>): reached by re-execution with the original status and method,
/// or directly. It takes any method and no antiforgery token, since it answers whatever request failed.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int status) => Answer(status);

    public void OnPost(int status) => Answer(status);

    private void Answer(int status)
    {
        Status = status is >= 400 and < 600 ? status : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
    }
}
