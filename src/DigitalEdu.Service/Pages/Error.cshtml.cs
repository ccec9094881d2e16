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

    public void OnGet() => Answer();

    public void OnPost() => Answer();

    // From the route alone, with no model binding: a re-executed POST must not read the body it was refused for.
    private void Answer()
    {
        var status = int.TryParse(RouteData.Values["status"]?.ToString(), out var code) ? code : 0;
        Status = status is >= 400 and < 600 ? status : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
    }
}
