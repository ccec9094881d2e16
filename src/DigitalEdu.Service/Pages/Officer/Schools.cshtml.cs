using DigitalEdu.Service.Features.Province;
using FluentValidation;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>Every school of the province, or of one commune, each with its rates, leading to its items and the persons they are about.</summary>
public sealed class SchoolsModel(DrillDown.Handler drillDown, IValidator<DrillDown.Query> validator) : AreaPage(drillDown, validator)
{
    protected override string Level => DrillDown.Schools;

    protected override string Path => "/officer/schools";
}
