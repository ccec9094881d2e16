using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Guidance;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Mismatches;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>One item: both sides' values next to each other, what to do, "đã sửa", the history; officers may reveal the personal ID (audited).</summary>
public sealed class ItemModel(DigitalEduDbContext db, MismatchLifecycle lifecycle, AuditLog audit) : PageModel
{
    public MismatchView Item { get; private set; } = null!;
    public School? School { get; private set; }
    public Guidance Guidance { get; private set; } = null!;
    public IReadOnlyList<MismatchEvent> History { get; private set; } = [];

    /// <summary>The full personal ID, only after the explicit "hiện" action of an operator or officer.</summary>
    public string? RevealedPersonalId { get; private set; }

    /// <summary>With the ID revealed, the two sides' values of an ID item unmasked too (they are IDs themselves).</summary>
    public (string? Sms, string? National)? RevealedValues { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string schoolCode, long id, CancellationToken cancellationToken) =>
        await LoadAsync(schoolCode, id, cancellationToken) is { } item ? Page() : NotFound();

    public async Task<IActionResult> OnPostFixedAsync(string schoolCode, long id, string? note, CancellationToken cancellationToken)
    {
        if (await LoadAsync(schoolCode, id, cancellationToken) is null)
        {
            return NotFound();
        }

        var outcome = await lifecycle.MarkFixedAsync(id, User.Actor(), string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 1000)],
            UserScope.From(User).Schools, cancellationToken);
        if (outcome == TransitionOutcome.NotFound)
        {
            return NotFound();
        }

        // Post/redirect/get, so a reload does not send the form again.
        TempData["message"] = outcome == TransitionOutcome.Changed
            ? "Đã ghi nhận: mục chờ lượt đồng bộ sau xác nhận."
            : "Chỉ mục đang mở mới đánh dấu đã sửa được.";
        return Redirect($"/schools/{schoolCode}/items/{id}");
    }

    public async Task<IActionResult> OnPostShowAsync(string schoolCode, long id, CancellationToken cancellationToken)
    {
        if (!User.MayUnmask())
        {
            return Forbid();
        }

        var raw = await LoadAsync(schoolCode, id, cancellationToken);
        if (raw is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(User, AuditAction.ShowPersonalId, schoolCode, id, null, cancellationToken);
        RevealedPersonalId = raw.PersonalId ?? "";
        if (Item.SmsValue != raw.SmsValue || Item.NationalValue != raw.NationalValue)
        {
            RevealedValues = (raw.SmsValue, raw.NationalValue);
        }

        return Page();
    }

    private async Task<Mismatch?> LoadAsync(string schoolCode, long id, CancellationToken cancellationToken)
    {
        if (!UserScope.From(User).CanSee(schoolCode))
        {
            return null;
        }

        var item = await db.Mismatches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.SchoolCode == schoolCode, cancellationToken);
        if (item is null)
        {
            return null;
        }

        Item = MismatchView.From(item);
        Guidance = new Guidance(Enum.Parse<FixTarget>(Item.FixIn, ignoreCase: true), Item.Guidance);
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        History = await lifecycle.HistoryAsync(id, UserScope.From(User).Schools, cancellationToken) ?? [];
        Message = TempData["message"] as string;
        return item;
    }

    public static string Target(FixTarget target) => target switch
    {
        FixTarget.Sms => "Sửa trên SMS",
        FixTarget.National => "Sửa trên CSDL ngành",
        FixTarget.Family => "Xác minh với gia đình",
        _ => "Đơn vị vận hành xử lý",
    };

    /// <summary>Who changed the item, as a clerk reads it: runs write "system".</summary>
    public static string ActorText(string actor) => actor == "system" ? "Hệ thống (lượt đồng bộ)" : actor;

    public static string ReasonText(string? reason) => reason switch
    {
        "found" => "Phát hiện",
        "found_again" => "Phát hiện lại",
        "not_found" => "Lượt đồng bộ không còn thấy sai lệch",
        _ => reason ?? "",
    };
}
