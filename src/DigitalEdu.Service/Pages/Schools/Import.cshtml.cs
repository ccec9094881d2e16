using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Mismatches;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Schools;

/// <summary>The exported spreadsheet sent back with its "Đã sửa" column ticked: what was marked, and each row that was not, with why.</summary>
[RequestSizeLimit(ImportFixed.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFixed.MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(DigitalEduDbContext db, ImportFixed.Handler import) : PageModel
{
    public School? School { get; private set; }
    public string SchoolCode { get; private set; } = "";
    public ImportFixed.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string schoolCode, CancellationToken cancellationToken) =>
        await LoadAsync(schoolCode, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string schoolCode, IFormFile? file, string? note, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(schoolCode, cancellationToken))
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            Result = ImportFixed.Result.Failed("Chưa chọn tệp: chọn tệp Excel (.xlsx) đã tải về từ trang của trường.");
        }
        else if (file.Length > ImportFixed.MaxFileBytes)
        {
            Result = ImportFixed.Result.Failed($"Tệp lớn quá {ImportFixed.MaxFileBytes / (1024 * 1024)} MB: đây không phải tệp tải về từ trang của trường.");
        }
        else if (note is { Length: > 1000 })
        {
            Result = ImportFixed.Result.Failed("Ghi chú dài quá 1.000 ký tự.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Result = await import.HandleAsync(schoolCode, stream, note, User, cancellationToken);
        }

        if (Result is null)
        {
            return NotFound();
        }

        if (!Result.Applied)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string schoolCode, CancellationToken cancellationToken)
    {
        if (!UserScope.From(User).CanSee(schoolCode))
        {
            return false;
        }

        SchoolCode = schoolCode;
        School = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == schoolCode, cancellationToken);
        return true;
    }
}
