using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>One item: both sides' values next to each other, what to do, "đã sửa", the history; officers may reveal the personal ID (audited).</summary>
public sealed class ItemModel(
    DigitalEduDbContext db,
    GetMismatch.Handler items,
    MismatchHistory.Handler history,
    MarkFixed.Handler markFixed,
    IValidator<MarkFixed.Command> markFixedValidator,
    IValidator<RevealPersonalId.Command> revealValidator,
    RevealPersonalId.Handler reveal) : PageModel
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
        TempData["message"] = outcome == TransitionOutcome.Changed
            ? "Đã ghi nhận: mục chờ lượt đồng bộ sau xác nhận."
            : "Chỉ mục đang mở mới đánh dấu đã sửa được.";
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
        if (await items.HandleAsync(new GetMismatch.Query(id, schoolCode), scope, cancellationToken) is not { } item)
        {
            return false;
        }

        Item = item;
        Guidance = new Guidance(Enum.Parse<FixTarget>(Item.FixIn, ignoreCase: true), Item.Guidance);
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        History = await history.HandleAsync(new MismatchHistory.Query(id), scope, cancellationToken) ?? [];
        Message = TempData["message"] as string;
        return true;
    }

    public static string Target(FixTarget target) => Labels.FixTarget(target);

    /// <summary>Who changed the item, as a clerk reads it: runs write "system".</summary>
    public static string ActorText(string actor) => Labels.Actor(actor);

    public static string ReasonText(string? reason) => Labels.EventReason(reason);
}
