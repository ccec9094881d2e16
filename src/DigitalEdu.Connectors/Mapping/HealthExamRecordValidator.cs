using DigitalEdu.Domain.Model;
using FluentValidation;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>An SMS health exam: it must say whose it is and when it was done, or it cannot be compared with anything.</summary>
public sealed class HealthExamRecordValidator : AbstractValidator<HealthExamRecord>
{
    public HealthExamRecordValidator(TimeProvider timeProvider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.ExamId).NotEmpty().WithMessage("missing")
            .MaximumLength(RecordRules.MaxKeyLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxKeyLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.StudentKey).NotEmpty().WithMessage("missing")
            .MaximumLength(RecordRules.MaxKeyLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxKeyLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.SchoolCode).NotEmpty().WithMessage("missing");
        RuleFor(x => x.Findings).SetValidator(new HealthFindingsValidator(timeProvider));
    }
}
