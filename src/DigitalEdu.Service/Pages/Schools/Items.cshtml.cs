using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>
/// One school's items with who each is about, searched by name, code or ID digits and filtered by class, person kind, kind and
/// status; its coverage figures, the exports, "Kiểm tra lại" and marking several items fixed at once.
/// </summary>
public sealed class ItemsModel(
    DigitalEduDbContext db,
    ListMismatches.Handler list,
    ItemViews views,
    IValidator<ListMismatches.Query> validator,
    MarkFixed.Handler markFixed,
    IValidator<MarkFixed.ManyCommand> markManyValidator,
    CoverageFigures coverage) : PageModel
{
    public const int PageSize = ListMismatches.DefaultLimit;

    /// <summary>The page of the list, from 1 ("p": "page" is the route value Razor Pages keeps for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ClassName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PersonKind { get; set; }

    public School? School { get; private set; }
    public string SchoolCode { get; private set; } = "";
    public IReadOnlyList<MismatchView> Items { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyDictionary<string, int> ByKind { get; private set; } = new Dictionary<string, int>();
    public CoverageSummary Coverage { get; private set; } = new([], null);
    public IReadOnlyList<string> Classes { get; private set; } = [];

    /// <summary>The names of the schools the listed values name (an item about a pupil's school).</summary>
    public IReadOnlyDictionary<string, string> SchoolNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>One side's value of an item as the list writes it.</summary>
    public string Value(MismatchView item, string? value) =>
        Vocabulary.Labels.ItemValue(item.Kind, item.Field, value, code => SchoolNames.GetValueOrDefault(code));
    public string? Message { get; private set; }
    public bool MessageIsProblem { get; private set; }

    /// <summary>Whether any filter beyond kind and status narrows the list (the empty list then says so).</summary>
    public bool Narrowed => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(ClassName) || PersonKind is not null;

    public string Query => QueryWith(Kind);

    /// <summary>The list's query string with another kind (null for all kinds), keeping every other filter.</summary>
    public string QueryWith(string? kind)
    {
        var parts = new List<string> { $"status={Uri.EscapeDataString(Status ?? MismatchStatus.Open)}" };
        if (kind is not null)
        {
            parts.Add($"kind={Uri.EscapeDataString(kind)}");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add($"search={Uri.EscapeDataString(Search)}");
        }

        if (!string.IsNullOrWhiteSpace(ClassName))
        {
            parts.Add($"className={Uri.EscapeDataString(ClassName)}");
        }

        if (PersonKind is not null)
        {
            parts.Add($"personKind={Uri.EscapeDataString(PersonKind)}");
        }

        return "?" + string.Join("&", parts);
    }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Whether the user may tick the item to mark it fixed: open, and for a school not one only the operator can act on.</summary>
    public bool CanMark(MismatchView item) => User.IsInRole(Roles.School) && item.Status == MismatchStatus.Open && !item.OperatorOnly;

    public async Task<IActionResult> OnGetAsync(string schoolCode, CancellationToken cancellationToken)
    {
        // The same query, validated the same way, as GET /api/v1/mismatches.
        Status ??= MismatchStatus.Open;
        PersonKind = string.IsNullOrEmpty(PersonKind) ? null : PersonKind;
        var query = new ListMismatches.Query(Kind, schoolCode, Status, PersonKind, null, PageSize, Math.Max(1, PageNumber), Search, ClassName);
        if (!(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        // Another school's page does not exist for a clerk: 404, as in the API.
        if (await list.HandleAsync(query, UserScope.From(User), cancellationToken) is not { } page)
        {
            return NotFound();
        }

        if (page.Total > 0 && page.Items.Count == 0)
        {
            // Past the last page: show the last one.
            PageNumber = (page.Total + PageSize - 1) / PageSize;
            page = (await list.HandleAsync(query with { Page = PageNumber }, UserScope.From(User), cancellationToken))!;
        }

        SchoolCode = schoolCode;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        Items = page.Items;
        Total = page.Total;
        ByKind = page.ByKind;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Coverage = await coverage.LatestAsync(schoolCode, cancellationToken);
        SchoolNames = await views.SchoolNamesAsync(Items, cancellationToken);
        Classes = (await ItemPersons.ClassesOf(db, schoolCode).ToListAsync(cancellationToken)).Order(ClassOrder.Instance).ToList();
        Message = TempData["message"] as string;
        MessageIsProblem = TempData["problem"] is true;
        return Page();
    }

    /// <summary>The ticked items marked fixed, with one note; then the same list again, saying what was marked and what was left.</summary>
    public async Task<IActionResult> OnPostFixedAsync(string schoolCode, long[]? ids, string? note, CancellationToken cancellationToken)
    {
        if (!UserScope.From(User).CanSee(schoolCode))
        {
            return NotFound();
        }

        var command = new MarkFixed.ManyCommand(ids, note);
        var validation = await markManyValidator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            TempData["message"] = ids is not { Length: > 0 } ? "Chưa chọn mục nào: đánh dấu ô ở đầu các dòng đã sửa." : "Ghi chú dài quá 1.000 ký tự.";
            TempData["problem"] = true;
            return Redirect(BackToList(schoolCode));
        }

        // Only this school's items: an id of another school is as unknown as one that does not exist.
        var own = await db.Mismatches.AsNoTracking().Where(m => m.SchoolCode == schoolCode && ids!.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        var outcomes = own.Count == 0 ? new Dictionary<long, TransitionOutcome>() : await markFixed.HandleManyAsync(own, note, User, cancellationToken);
        var marked = outcomes.Count(o => o.Value == TransitionOutcome.Changed);
        var left = ids!.Distinct().Count() - marked;
        TempData["message"] = left == 0
            ? $"Đã đánh dấu {marked} mục đã sửa: các mục chờ lượt đồng bộ sau (hoặc «Kiểm tra lại») xác nhận."
            : $"Đã đánh dấu {marked} mục đã sửa; {left} mục không đánh dấu được (không còn mở, hoặc do đơn vị vận hành xử lý).";
        TempData["problem"] = marked == 0;
        return Redirect(BackToList(schoolCode));
    }

    private string BackToList(string schoolCode) => $"/schools/{schoolCode}{QueryWith(Kind)}";

    /// <summary>Classes in school order: by grade number, then by name (6A1, 6A2, …, 10A1), preschool groups after.</summary>
    private sealed class ClassOrder : IComparer<string>
    {
        public static readonly ClassOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var byGrade = Grade(x).CompareTo(Grade(y));
            return byGrade != 0 ? byGrade : string.Compare(x, y, StringComparison.Ordinal);
        }

        private static int Grade(string? name)
        {
            var digits = new string((name ?? "").TakeWhile(char.IsAsciiDigit).ToArray());
            return digits.Length > 0 && int.TryParse(digits, out var grade) ? grade : int.MaxValue;
        }
    }
}
