using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Features.Province;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>
/// The officer's follow-up list: the province's items filtered by kind, status, commune, school level, school, person kind and
/// days open; the filtered view exported; several items dismissed or reopened at once with a reason.
/// </summary>
public sealed class ItemsModel(
    DigitalEduDbContext db,
    FollowUpQueue.Handler queue,
    IValidator<FollowUpQueue.Query> validator,
    Dismiss.Handler dismiss,
    Reopen.Handler reopen,
    IValidator<StatusChangeRequest> reasonValidator) : PageModel
{
    public static readonly int[] DaysOpenChoices = [7, 30, 90, 180, 365];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CommuneCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SchoolCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PersonKind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DaysOpen { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The page of the list, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public FollowUpQueue.Result Result { get; private set; } = new([], 0, 1, 1, new Dictionary<string, string>());
    public IReadOnlyList<(string Key, string Name)> Communes { get; private set; } = [];
    public IReadOnlyList<string> Levels { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> SchoolsOfCommune { get; private set; } = [];
    public string? SchoolName { get; private set; }
    public string? Message { get; private set; }
    public bool MessageIsProblem { get; private set; }

    public FollowUpQueue.Query Query => new(Kind, Status, CommuneCode, Level, SchoolCode, PersonKind, DaysOpen, Math.Max(1, PageNumber), Sort);

    /// <summary>The filters as a query string (without the page), for the pager, the exports and the bulk form.</summary>
    public string Filters(int? page = null) => Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["kind"] = Kind,
        ["status"] = Status,
        ["communeCode"] = CommuneCode,
        ["level"] = Level,
        ["schoolCode"] = SchoolCode,
        ["personKind"] = PersonKind,
        ["daysOpen"] = DaysOpen?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sort"] = Sort,
        ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public bool Narrowed => Kind is not null || CommuneCode is not null || Level is not null || SchoolCode is not null || PersonKind is not null
                            || DaysOpen is not null || (Status is not null && Status != MismatchStatus.Open);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Normalize();
        if (!ModelState.IsValid || !(await validator.ValidateAsync(Query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        Result = await queue.HandleAsync(Query, UserScope.From(User), cancellationToken);
        PageNumber = Result.Page;
        var schools = await db.Schools.AsNoTracking().Select(s => new { s.Code, s.Name, s.Level, s.CommuneCode, s.CommuneName }).ToListAsync(cancellationToken);
        Communes = schools.GroupBy(s => DrillDown.KeyOf(s.CommuneCode))
            .Select(g => (g.Key, DrillDown.CommuneLabel(g.Key, g.Select(s => s.CommuneName).FirstOrDefault(n => n is not null)).Name))
            .OrderBy(c => c.Name, StringComparer.Create(Vocabulary.Labels.Vietnamese, false)).ToList();
        Levels = schools.Select(s => s.Level).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        SchoolsOfCommune = CommuneCode is null ? [] : schools.Where(s => DrillDown.KeyOf(s.CommuneCode) == CommuneCode)
            .Select(s => (s.Code, s.Name)).OrderBy(s => s.Name, StringComparer.Create(Vocabulary.Labels.Vietnamese, false)).ToList();
        SchoolName = SchoolCode is null ? null : schools.FirstOrDefault(s => s.Code == SchoolCode)?.Name;
        Message = TempData["message"] as string;
        MessageIsProblem = TempData["problem"] is true;
        return Page();
    }

    public Task<IActionResult> OnPostDismissAsync(long[]? ids, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(ids, reason, dismiss.HandleManyAsync, "bỏ qua", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(long[]? ids, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(ids, reason, reopen.HandleManyAsync, "mở lại", cancellationToken);

    private async Task<IActionResult> ChangeAsync(
        long[]? ids, string? reason,
        Func<IReadOnlyCollection<long>, StatusChangeRequest, System.Security.Claims.ClaimsPrincipal, CancellationToken, Task<IReadOnlyDictionary<long, TransitionOutcome>>> change,
        string verb, CancellationToken cancellationToken)
    {
        Normalize();
        var request = new StatusChangeRequest(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        if (ids is not { Length: > 0 } || ids.Length > 1000)
        {
            return Back($"Chưa chọn mục nào để {verb}: đánh dấu ô ở đầu các dòng.", problem: true);
        }

        if (!(await reasonValidator.ValidateAsync(request, cancellationToken)).IsValid)
        {
            return Back($"Cần ghi lý do (tối đa 1.000 ký tự) để {verb} các mục đã chọn.", problem: true);
        }

        var outcomes = await change(ids, request, User, cancellationToken);
        var changed = outcomes.Count(o => o.Value == TransitionOutcome.Changed);
        var left = outcomes.Count - changed;
        return left == 0
            ? Back($"Đã {verb} {changed} mục, với lý do «{request.Reason}».", problem: false)
            : Back($"Đã {verb} {changed} mục; {left} mục không {verb} được (trạng thái đã khác).", problem: changed == 0);
    }

    private RedirectResult Back(string message, bool problem)
    {
        TempData["message"] = message;
        TempData["problem"] = problem;
        return Redirect("/officer/items" + Filters());
    }

    private void Normalize()
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        Kind = Clean(Kind);
        Status = Clean(Status);
        CommuneCode = Clean(CommuneCode);
        Level = Clean(Level);
        SchoolCode = Clean(SchoolCode);
        PersonKind = Clean(PersonKind);
        Sort = Clean(Sort);
    }
}
