using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Vocabulary;
using DigitalEdu.Service.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DigitalEdu.Service.Features.Mismatches;

/// <summary>
/// A school's items as a spreadsheet for the clerk (<c>GET /schools/{code}/export.xlsx</c> and <c>.csv</c>): who each item is
/// about, Vietnamese headers, labels and values, personal IDs masked, no formulas, and an empty "Đã sửa" column the clerk can
/// fill and send back (<see cref="ImportFixed"/>). Every export is written to the audit log.
/// </summary>
public static class ExportMismatches
{
    public const string Xlsx = "xlsx";
    public const string Csv = "csv";

    public sealed record Query(string SchoolCode, string? Kind, string? Status, string Format);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.SchoolCode).SchoolCode("schoolCode");
            RuleFor(q => q.Kind).Must(k => k is null || MismatchKinds.All.Contains(k)).WithMessage("kind is not a known mismatch kind.");
            RuleFor(q => q.Status).Must(MismatchStatus.IsKnownOrNull).WithMessage("status is not a known item status.");
        }
    }

    /// <summary>The file: its rows written to the response by <see cref="WriteAsync"/>.</summary>
    public sealed record Export(string FileName, string ContentType, IReadOnlyList<string?[]> Rows, string Format);

    public sealed class Handler(DigitalEduDbContext db, ItemViews views, AuditLog audit)
    {
        /// <summary>The export, audited; null when the school is outside the caller's scope.</summary>
        public async Task<Export?> HandleAsync(Query query, ClaimsPrincipal user, CancellationToken cancellationToken)
        {
            // Outside the user's schools the school does not exist for them, as in the API.
            if (!UserScope.From(user).CanSee(query.SchoolCode))
            {
                return null;
            }

            var state = query.Status ?? MismatchStatus.Open;
            var items = db.Mismatches.AsNoTracking().Where(m => m.SchoolCode == query.SchoolCode && m.Status == state);
            if (query.Kind is not null)
            {
                items = items.Where(m => m.Kind == query.Kind);
            }

            var found = await items.OrderBy(m => m.Kind).ThenBy(m => m.Id).ToListAsync(cancellationToken);
            var codes = found.Where(m => m.Field == Fields.SchoolCode).SelectMany(m => new[] { m.SmsValue, m.NationalValue }).OfType<string>().Distinct().ToArray();
            var names = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, cancellationToken);
            var rows = (await views.BuildAsync(found, cancellationToken)).Select(view => ToRow(view, code => names.GetValueOrDefault(code))).ToList();
            await audit.WriteAsync(user, query.Format == Xlsx ? AuditAction.ExportXlsx : AuditAction.ExportCsv, query.SchoolCode, null,
                $"{rows.Count} rows; status={state}" + (query.Kind is null ? "" : $"; kind={query.Kind}"), cancellationToken);

            return new Export(
                $"sai-lech-{query.SchoolCode}-{DateTime.UtcNow:yyyyMMdd}.{query.Format}",
                query.Format == Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                rows,
                query.Format);
        }
    }

    public static Task WriteAsync(Stream output, Export export, CancellationToken cancellationToken) =>
        export.Format == Xlsx ? WriteXlsxAsync(output, export.Rows, cancellationToken) : WriteCsvAsync(output, export.Rows, cancellationToken);

    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string?[]> rows, CancellationToken cancellationToken)
    {
        // Dictionaries keep the column order and give MiniExcel the Vietnamese headers.
        var headers = ExportHeaders.Items;
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++)
            {
                cells[headers[i]] = row[i];
            }

            return cells;
        }).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(headers.ToDictionary(h => h, _ => (object?)null));
        }

        await using var buffer = new MemoryStream();
        await MiniExcel.SaveAsAsync(buffer, sheet, sheetName: "Danh sách", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    public static Task WriteCsvAsync(Stream output, IReadOnlyList<string?[]> rows, CancellationToken cancellationToken) =>
        CsvExport.WriteAsync(output, ExportHeaders.Items, rows, cancellationToken);

    public static string?[] ToRow(MismatchView view, Func<string, string?> schoolName)
    {
        var person = view.Person;
        var staff = view.PersonKind == WireNames.Staff;
        string?[] cells =
        [
            view.Id, person?.FullName, person?.DateOfBirth is { } born ? Labels.Date(born) : null, staff ? null : person?.ClassName,
            staff ? null : person?.Grade?.ToString(CultureInfo.InvariantCulture), staff ? Labels.Position(person?.Position) ?? person?.Position : null,
            Labels.PersonKind(view.PersonKind), Labels.Kind(view.Kind), Labels.Detail(view.Detail), view.SmsKey, view.MoetCode, view.PersonalId,
            Labels.Field(view.Field), Labels.ItemValue(view.Kind, view.Field, view.SmsValue, schoolName),
            Labels.ItemValue(view.Kind, view.Field, view.NationalValue, schoolName), Labels.ItemValue(view.Kind, view.Field, view.ProvincialValue, schoolName),
            Labels.MismatchStatusText(view.Status), Labels.FixTarget(Enum.Parse<FixTarget>(view.FixIn, ignoreCase: true), view.PersonKind),
            Labels.Time(view.FirstSeenAt), Labels.Time(view.LastSeenAt), view.Guidance, null,
        ];
        return cells.Select(SpreadsheetCell.Neutralise).ToArray();
    }
}
