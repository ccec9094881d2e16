using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>
/// One item: who it is about, what to do (with the ID digits a defect is about), the other records of a duplicate, both sides'
/// values, "đã sửa" (not on items only the operator can act on), the history; officers may reveal the personal ID (audited).
/// </summary>
public sealed class ItemModel(
    DigitalEduDbContext db,
    GetMismatch.Handler items,
    ItemViews views,
    MismatchHistory.Handler history,
    MarkFixed.Handler markFixed,
    IValidator<MarkFixed.Command> markFixedValidator,
    IValidator<RevealPersonalId.Command> revealValidator,
    RevealPersonalId.Handler reveal,
    SharedIdRecords.Handler sharedId) : PageModel
{
    public MismatchView Item { get; private set; } = null!;
    public School? School { get; private set; }
    public Guidance Guidance { get; private set; } = null!;
    public IReadOnlyList<MismatchEvent> History { get; private set; } = [];

    /// <summary>For an ID defect: the masked ID with the digits the guidance refers to shown, and which positions those are.</summary>
    public (string Shown, int[] Positions)? DefectDigits { get; private set; }

    /// <summary>For a duplicate: the other records holding the ID.</summary>
    public IReadOnlyList<SharedIdRecords.Record> SharedId { get; private set; } = [];

    /// <summary>The full personal ID, only after the explicit "hiện" action of an operator or officer.</summary>
    public string? RevealedPersonalId { get; private set; }

    /// <summary>With the ID revealed, the two sides' values of an ID item unmasked too (they are IDs themselves).</summary>
    public (string? Sms, string? National)? RevealedValues { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The names of the schools the item's values name.</summary>
    public IReadOnlyDictionary<string, string> SchoolNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>One side's value as the page writes it; "–" for none.</summary>
    public string Value(string? value) =>
        Labels.ItemValue(Item.Kind, Item.Field, value, code => SchoolNames.GetValueOrDefault(code)) is { Length: > 0 } shown ? shown : "–";

    /// <summary>Whether the user may mark the item fixed here: open, and for a school not one only the operator can act on.</summary>
    public bool CanMark => User.IsInRole(Roles.School) && Item.Status == MismatchStatus.Open && !Item.OperatorOnly;

    public async Task<IActionResult> OnGetAsync(string schoolCode, long id, CancellationToken cancellationToken) =>
        await LoadAsync(schoolCode, id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFixedAsync(string schoolCode, long id, string? note, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(schoolCode, id, cancellationToken))
        {
            return NotFound();
        }

        // Validated as POST /api/v1/mismatches/{id}/fixed is.
        var command = new MarkFixed.Command(note);
        if (!(await markFixedValidator.ValidateAsync(command, cancellationToken)).IsValid)
        {
            Message = "Ghi chú dài quá 1.000 ký tự hoặc có ký tự không hợp lệ.";
            return Page();
        }

        var outcome = await markFixed.HandleAsync(id, command, User, cancellationToken);
        if (outcome == TransitionOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == TransitionOutcome.Forbidden)
        {
            return Forbid();
        }

        // Post/redirect/get, so a reload does not send the form again.
        TempData["message"] = outcome switch
        {
            TransitionOutcome.Changed => "Đã ghi nhận: mục chờ lượt đồng bộ sau (hoặc «Kiểm tra lại») xác nhận.",
            TransitionOutcome.ReadOnly => "Mục này do đơn vị vận hành xử lý; trường không cần đánh dấu.",
            _ => "Chỉ mục đang mở mới đánh dấu đã sửa được.",
        };
        return Redirect($"/schools/{schoolCode}/items/{id}");
    }

    public async Task<IActionResult> OnPostShowAsync(string schoolCode, long id, string? purpose, CancellationToken cancellationToken)
    {
        if (!User.MayUnmask())
        {
            return Forbid();
        }

        if (!await LoadAsync(schoolCode, id, cancellationToken))
        {
            return NotFound();
        }

        // Validated as POST /api/v1/mismatches/{id}/personal-id is: no purpose, no unmasking.
        var command = new RevealPersonalId.Command(purpose);
        if (!(await revealValidator.ValidateAsync(command, cancellationToken)).IsValid)
        {
            Message = "Cần ghi rõ mục đích xem số định danh đầy đủ (tối đa 500 ký tự).";
            return Page();
        }

        if (await reveal.HandleAsync(id, schoolCode, command, User, cancellationToken) is not { } revealed)
        {
            return NotFound();
        }

        RevealedPersonalId = revealed.PersonalId;
        if (revealed.SmsValue != Item.SmsValue || revealed.NationalValue != Item.NationalValue)
        {
            RevealedValues = (revealed.SmsValue, revealed.NationalValue);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string schoolCode, long id, CancellationToken cancellationToken)
    {
        var scope = UserScope.From(User);
        if (await items.FindAsync(new GetMismatch.Query(id, schoolCode), scope, cancellationToken) is not { } item)
        {
            return false;
        }

        Item = await views.BuildAsync(item, cancellationToken);
        SchoolNames = await views.SchoolNamesAsync([Item], cancellationToken);
        Guidance = new Guidance(Enum.Parse<FixTarget>(Item.FixIn, ignoreCase: true), Item.Guidance);
        DefectDigits = DigitsOf(item);
        SharedId = item.Kind == MismatchKinds.IdDuplicate ? await sharedId.HandleAsync(id, schoolCode, scope, cancellationToken) ?? [] : [];
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        History = await history.HandleAsync(new MismatchHistory.Query(id), scope, cancellationToken) ?? [];
        Message = TempData["message"] as string;
        return true;
    }

    /// <summary>
    /// The digits an ID defect is about, beside the masked ID: the school holds these IDs in its own SMS and needs to see which
    /// digit is wrong. The whole ID stays behind the audited "hiện".
    /// </summary>
    private static (string, int[])? DigitsOf(Mismatch item)
    {
        if (item.Kind != MismatchKinds.IdInvalid)
        {
            return null;
        }

        var raw = item.Side == WireNames.National ? item.NationalValue : item.SmsValue;
        var positions = PersonalIdNumber.PositionsOf(PersonalIdNumber.DefectOf(item.Detail));
        var id = PersonalIdNumber.Clean(raw);
        return id is { Length: 12 } && positions.Length > 0 ? (PersonalIdNumber.MaskExcept(id, positions)!, positions) : null;
    }
}
