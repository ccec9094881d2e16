using DigitalEdu.Service.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages;

/// <summary>Each role starts on its own main page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Operator) ? Redirect("/operator")
        : User.IsInRole(Roles.Officer) ? Redirect("/officer")
        : Redirect("/schools");
}
