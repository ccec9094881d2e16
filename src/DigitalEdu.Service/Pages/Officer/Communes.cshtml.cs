using DigitalEdu.Service.Features.Province;
using FluentValidation;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>The province's communes and wards by name, each with its rates, leading to its schools.</summary>
public sealed class CommunesModel(DrillDown.Handler drillDown, IValidator<DrillDown.Query> validator) : AreaPage(drillDown, validator)
{
    protected override string Level => DrillDown.Communes;

    protected override string Path => "/officer/communes";
}
