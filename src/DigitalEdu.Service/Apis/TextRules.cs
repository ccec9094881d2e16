using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Text;
using FluentValidation;

namespace DigitalEdu.Service.Apis;

/// <summary>The checks every request's text goes through, in the one validation style.</summary>
public static class TextRules
{
    /// <summary>Free text a person typed: no control characters but tabs and line breaks (<see cref="InputText"/>).</summary>
    public static IRuleBuilderOptions<T, string?> AllowedText<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(InputText.IsAllowed).WithMessage($"{field} holds characters that are not allowed.");

    /// <summary>A school code: eight ASCII digits (<see cref="SchoolCodes"/>).</summary>
    public static IRuleBuilderOptions<T, string?> SchoolCode<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(SchoolCodes.IsValid).WithMessage($"{field} must be 8 digits.");
}
