using DigitalEdu.Service.Features.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DigitalEdu.Service.Pages.Reports;

/// <summary>The pupils expected back at the start of the year who are in no system now, for the school to follow up.</summary>
public sealed class ExpectedBackModel(ExpectedBack expected) : PageModel
{
    public ExpectedBackResult Result { get; private set; } = new(null, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await expected.HandleAsync(User, cancellationToken);
}
