using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Apis;
using FluentValidation;

namespace DigitalEdu.Service.Features.Province;

/// <summary>
/// The filters the follow-up list adds to an item query, shared by the officer's page, its export and
/// <c>GET /api/v1/mismatches</c>: the school's commune (<see cref="DrillDown.NoCommune"/> for none) and level, and how many days
/// the item has been open at least (since a run first found it).
/// </summary>
public static partial class ItemFilters
{
    public const int MaxDaysOpen = 3650;

    public static IQueryable<Mismatch> Narrow(
        this IQueryable<Mismatch> items, DigitalEduDbContext db, string? commune, string? level, int? daysOpen, DateTimeOffset now)
    {
        if (commune == DrillDown.NoCommune)
        {
            items = items.Where(m => db.Schools.Any(s => s.Code == m.SchoolCode && (s.CommuneCode == null || s.CommuneCode == "")));
        }
        else if (commune is not null)
        {
            items = items.Where(m => db.Schools.Any(s => s.Code == m.SchoolCode && s.CommuneCode == commune));
        }

        if (level is not null)
        {
            items = items.Where(m => db.Schools.Any(s => s.Code == m.SchoolCode && s.Level == level));
        }

        if (daysOpen is { } days)
        {
            var before = now.AddDays(-days);
            items = items.Where(m => m.FirstSeenAt <= before);
        }

        return items;
    }

    /// <summary>
    /// The rules of the filters every item list takes (kind, status, person kind, school), named as the query string spells
    /// them: <c>GET /api/v1/mismatches</c>, the school's list and the follow-up list answer a bad value alike.
    /// </summary>
    public static void ItemRules<T>(
        AbstractValidator<T> validator, Func<T, string?> kind, Func<T, string?> status, Func<T, string?> personKind, Func<T, string?> schoolCode)
    {
        validator.RuleFor(q => kind(q)).Must(k => k is null || MismatchKinds.All.Contains(k))
            .OverridePropertyName("kind").WithMessage($"kind must be one of {string.Join(", ", MismatchKinds.All)}.");
        validator.RuleFor(q => status(q)).Must(MismatchStatus.IsKnownOrNull)
            .OverridePropertyName("status").WithMessage($"status must be one of {string.Join(", ", MismatchStatus.All)}.");
        validator.RuleFor(q => personKind(q)).Must(k => k is null or WireNames.Student or WireNames.Staff)
            .OverridePropertyName("personKind").WithMessage("personKind must be student or staff.");
        validator.RuleFor(q => schoolCode(q)).SchoolCode("schoolCode").When(q => schoolCode(q) is not null).OverridePropertyName("schoolCode");
    }

    /// <summary>The three filters' rules, named as the query string spells them.</summary>
    public static void Rules<T>(AbstractValidator<T> validator, Func<T, string?> commune, Func<T, string?> level, Func<T, int?> daysOpen)
    {
        validator.RuleFor(q => commune(q)).Must(c => c is null || DrillDown.IsCommuneKey(c))
            .WithName("communeCode").OverridePropertyName("communeCode")
            .WithMessage($"communeCode must be a commune code (digits) or {DrillDown.NoCommune}.");
        // A level as the listings send it: the code list's or one it does not know yet (code-list drift), never free text.
        validator.RuleFor(q => level(q)).Must(l => l is null || LevelCode().IsMatch(l))
            .OverridePropertyName("level").WithMessage("level must be a school level code (capital letters and underscores).");
        validator.RuleFor(q => daysOpen(q)).InclusiveBetween(0, MaxDaysOpen).When(q => daysOpen(q) is not null)
            .OverridePropertyName("daysOpen").WithMessage($"daysOpen must be between 0 and {MaxDaysOpen}.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z][A-Z0-9_]{0,15}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LevelCode();
}
