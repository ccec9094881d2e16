using DigitalEdu.Domain.Model;
using FluentValidation;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// A health exam's findings. Messages carry no field name: the mapper prefixes the source's own name for the field.
/// </summary>
public sealed class HealthFindingsValidator : AbstractValidator<HealthFindings>
{
    public HealthFindingsValidator(TimeProvider timeProvider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.ExamDate)
            .Must(d => d >= RecordRules.EarliestDate && d <= RecordRules.Today(timeProvider))
            .WithMessage(x => $"{x.ExamDate:yyyy-MM-dd} is outside 1900-01-01..today");
        RuleFor(x => x.HeightCm).GreaterThanOrEqualTo(0).WithMessage("{PropertyValue} is negative");
        RuleFor(x => x.WeightKg).GreaterThanOrEqualTo(0).WithMessage("{PropertyValue} is negative");
        RuleFor(x => x.Bmi).GreaterThanOrEqualTo(0).WithMessage("{PropertyValue} is negative");
        RuleFor(x => x.BloodGroup).MaximumLength(RecordRules.MaxShortTextLength).WithMessage(LongerThan(RecordRules.MaxShortTextLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(ControlCharacter);
        RuleFor(x => x.EyeCondition).MaximumLength(RecordRules.MaxNameLength).WithMessage(LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(ControlCharacter);
        RuleFor(x => x.CongenitalCondition).MaximumLength(RecordRules.MaxNameLength).WithMessage(LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(ControlCharacter);
        RuleFor(x => x.SpineCondition).MaximumLength(RecordRules.MaxNameLength).WithMessage(LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(ControlCharacter);
    }

    internal const string ControlCharacter = "contains a control character";

    internal static string LongerThan(int length) => $"longer than {length} characters";
}
