using DigitalEdu.Domain.Model;
using FluentValidation;

namespace DigitalEdu.Connectors.Mapping;

/// <summary>
/// The canonical record's invariants, whichever source it came from. Messages carry no field name: the mapper prefixes
/// the source's own name for the field, so an operator can find it in the raw JSON. The personal ID is deliberately
/// not judged here (beyond control characters): an odd ID is a finding for the school, reported by the reconciler.
/// </summary>
public sealed class PersonRecordValidator : AbstractValidator<PersonRecord>
{
    public PersonRecordValidator(TimeProvider timeProvider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.SourceKey).NotEmpty().WithMessage("missing")
            .MaximumLength(RecordRules.MaxKeyLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxKeyLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.FullName).NotEmpty().WithMessage("missing")
            .MaximumLength(RecordRules.MaxNameLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.DateOfBirth)
            .Must(d => d >= RecordRules.EarliestDate && d <= RecordRules.Today(timeProvider))
            .WithMessage(x => $"{x.DateOfBirth:yyyy-MM-dd} is outside 1900-01-01..today");
        RuleFor(x => x.Gender).IsInEnum().WithMessage("'{PropertyValue}' is unknown");
        RuleFor(x => x.SchoolCode).NotEmpty().WithMessage("missing")
            .MaximumLength(RecordRules.MaxKeyLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxKeyLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.Status).NotEmpty().WithMessage("missing")
            .Must((record, status) => StatusesOf(record.Kind).Contains(status)).WithMessage(x => $"'{x.Status}' is unknown");
        RuleFor(x => x.MoetCode).Must(RecordRules.IsTenDigits)
            .WithMessage(x => $"{JsonRecordReader.Quote(x.MoetCode ?? "")} is not 10 digits");
        RuleFor(x => x.PersonalIdRaw).Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);

        RuleFor(x => x.EthnicityCode).MaximumLength(RecordRules.MaxShortTextLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxShortTextLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.FatherName).MaximumLength(RecordRules.MaxNameLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.MotherName).MaximumLength(RecordRules.MaxNameLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxNameLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);
        RuleFor(x => x.ClassName).MaximumLength(RecordRules.MaxShortTextLength).WithMessage(HealthFindingsValidator.LongerThan(RecordRules.MaxShortTextLength))
            .Must(RecordRules.HasNoControlCharacters).WithMessage(HealthFindingsValidator.ControlCharacter);

        When(x => x.Kind == PersonKind.Student, () =>
            RuleFor(x => x.Grade).NotNull().WithMessage("missing")
                .InclusiveBetween(0, 12).WithMessage("{PropertyValue} is outside 0..12"));
        When(x => x.Kind == PersonKind.Staff, () =>
            RuleFor(x => x.Position).NotEmpty().WithMessage("missing")
                .Must(p => StaffPosition.All.Contains(p!)).WithMessage(x => $"'{x.Position}' is unknown"));

        RuleFor(x => x.PopulationCheck!.Status)
            .Must(PopulationCheckStatus.All.Contains).WithMessage(x => $"'{x.PopulationCheck!.Status}' is unknown")
            .When(x => x.PopulationCheck is not null);
        RuleFor(x => x.NationalHealth!).SetValidator(new HealthFindingsValidator(timeProvider)).When(x => x.NationalHealth is not null);
    }

    private static IReadOnlySet<string> StatusesOf(PersonKind kind) =>
        kind == PersonKind.Staff ? PersonStatus.StaffStatuses : PersonStatus.StudentStatuses;
}
