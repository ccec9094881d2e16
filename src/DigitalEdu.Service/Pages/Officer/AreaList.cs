using DigitalEdu.Service.Features.Province;
using Microsoft.AspNetCore.Http;

namespace DigitalEdu.Service.Pages.Officer;

/// <summary>A drill-down level as a page shows it: the rows, and links that keep the search while changing sort or page.</summary>
public sealed record AreaList(DrillDown.Result Result, string Path, string? Commune, string? Search)
{
    public string Link(string? sort = null, bool? descending = null, int? page = null) =>
        Path + QueryString.Create(new Dictionary<string, string?>
        {
            ["commune"] = Commune,
            ["search"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["sort"] = sort ?? Result.Sort,
            ["order"] = (descending ?? Result.Descending) ? "desc" : "asc",
            ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        }.Where(p => p.Value is not null)).ToUriComponent();

    /// <summary>The column's header link: the other way round when it is the current sort, else its natural way.</summary>
    public string SortLink(string sort) => Link(sort, Result.Sort == sort ? !Result.Descending : sort != "name", 1);

    public string? SortMark(string sort) => Result.Sort == sort ? Result.Descending ? " ↓" : " ↑" : null;

    public static string Rate(double? rate) =>
        rate is { } r ? r.ToString("0.0", Vocabulary.Labels.Vietnamese) + " %" : "–";

    public static string PerHundred(double? rate) =>
        rate is { } r ? r.ToString("0.0", Vocabulary.Labels.Vietnamese) : "–";
}
