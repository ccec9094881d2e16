using System.Globalization;
using DigitalEdu.Data;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Features.Province;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>
/// Whether things improve, for the province, a commune or a school: coverage rates, open items by kind, and items newly found
/// and resolved, per run over the chosen period; bar charts that stay readable on a phone, each with its table.
/// </summary>
public sealed class TrendsModel(DigitalEduDbContext db, Trends.Handler trends, IValidator<Trends.Query> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? CommuneCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SchoolCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Runs { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public Trends.Result Result { get; private set; } = new([], Trends.LastRuns, null, null, Trends.DefaultRuns);
    public string AreaName { get; private set; } = "Toàn tỉnh";

    /// <summary>The commune a school belongs to, for the way back up.</summary>
    public (string Key, string Name)? ParentCommune { get; private set; }

    public IReadOnlyList<string> KindsShown { get; private set; } = [];

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Fmt(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CommuneCode = string.IsNullOrWhiteSpace(CommuneCode) ? null : CommuneCode.Trim();
        SchoolCode = string.IsNullOrWhiteSpace(SchoolCode) ? null : SchoolCode.Trim();
        Period = string.IsNullOrWhiteSpace(Period) ? null : Period;
        var query = new Trends.Query(SchoolCode is null ? CommuneCode : null, SchoolCode, Period, Runs, From, To);
        if (!ModelState.IsValid || !(await validator.ValidateAsync(query, cancellationToken)).IsValid)
        {
            return BadRequest();
        }

        if (await trends.HandleAsync(query, UserScope.From(User), cancellationToken) is not { } result)
        {
            return NotFound();
        }

        Result = result;
        if (SchoolCode is not null)
        {
            var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == SchoolCode, cancellationToken);
            AreaName = school?.Name ?? SchoolCode;
            if (school is not null)
            {
                var key = DrillDown.KeyOf(school.CommuneCode);
                ParentCommune = (key, DrillDown.CommuneLabel(key, school.CommuneName).Name);
            }
        }
        else if (CommuneCode is not null)
        {
            var names = await db.Schools.AsNoTracking().Where(s => s.CommuneCode == CommuneCode && s.CommuneName != null)
                .Select(s => s.CommuneName).FirstOrDefaultAsync(cancellationToken);
            AreaName = DrillDown.CommuneLabel(CommuneCode, names).Name;
        }

        KindsShown = MismatchKinds.All.Where(k => Result.Points.Any(p => p.OpenByKind.GetValueOrDefault(k) > 0)).ToList();
        return Page();
    }

    /// <summary>The area's own query string, for the period selector's links.</summary>
    public string Area => SchoolCode is not null ? $"schoolCode={SchoolCode}" : CommuneCode is not null ? $"communeCode={Uri.EscapeDataString(CommuneCode)}" : "";
}
