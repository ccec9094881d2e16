using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.EndToEnd;

/// <summary>An item's life across runs: found, marked fixed by the school, then resolved or reopened by what the next run sees.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LifecycleTests : FreshProvinceTests
{
    [Fact]
    public async Task Fixed_item_resolves_when_corrected_upstream_and_reopens_when_not()
    {
        var operatorClient = await App.CreateClientAsync("operator");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var items = await DigitalEduApp.ListAllMismatchesAsync(operatorClient, "&kind=field_mismatch");
        var corrected = items.First(i => i.Field == "className");
        var notCorrected = items.First(i => i.Field == "fullName");
        var dismissed = items.First(i => i.Field == "grade");

        var school = await App.CreateClientAsync("school", corrected.SchoolCode);
        Assert.Equal(HttpStatusCode.NoContent, (await school.PostAsJsonAsync($"/api/v1/mismatches/{corrected.Id}/fixed", new { note = "đã sửa lớp" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await school.PostAsJsonAsync($"/api/v1/mismatches/{corrected.Id}/fixed", new { })).StatusCode);
        var otherSchool = await App.CreateClientAsync("school", notCorrected.SchoolCode);
        Assert.Equal(HttpStatusCode.NoContent, (await otherSchool.PostAsJsonAsync($"/api/v1/mismatches/{notCorrected.Id}/fixed", new { })).StatusCode);

        // A school cannot act on, or even see, another school's item.
        var stranger = await App.CreateClientAsync("school", "22999999");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/mismatches/{dismissed.Id}/fixed", new { })).StatusCode);

        // Dismissing needs an officer and a reason.
        var officer = await App.CreateClientAsync("officer");
        var noReason = await officer.PostAsJsonAsync($"/api/v1/mismatches/{dismissed.Id}/dismiss", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsJsonAsync($"/api/v1/mismatches/{dismissed.Id}/dismiss", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await officer.PostAsJsonAsync($"/api/v1/mismatches/{dismissed.Id}/dismiss", new { reason = "Lớp ghép, đã xác minh" })).StatusCode);

        // The province's pages count open items from kept counts: the people's changes moved them too.
        await KeptCounts.AssertMatchItemsAsync(App.OwnerConnectionString);

        // The national database takes the school's class, as the school would do by resending from the SMS.
        using var admin = new HttpClient { BaseAddress = Simulators.NationalUrl };
        // A dictionary, not an anonymous object: the web JSON defaults would camel-case LOP into lop.
        var patch = await admin.PatchAsJsonAsync($"/admin/records/national-students/{corrected.MoetCode}", new Dictionary<string, string?> { ["LOP"] = corrected.SmsValue });
        patch.EnsureSuccessStatusCode();

        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var after = (await DigitalEduApp.ListAllMismatchesAsync(operatorClient)).ToDictionary(i => i.Id);
        Assert.Equal("resolved", after[corrected.Id].Status);
        Assert.Equal("open", after[notCorrected.Id].Status);
        Assert.Equal("dismissed", after[dismissed.Id].Status);
        await KeptCounts.AssertMatchItemsAsync(App.OwnerConnectionString);

        var history = await operatorClient.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{corrected.Id}/history");
        Assert.Equal(["open", "fixed_pending", "resolved"], history!.Select(e => e.GetProperty("toStatus").GetString()));
        Assert.Equal("đã sửa lớp", history![1].GetProperty("reason").GetString());
        Assert.StartsWith("school:", history[1].GetProperty("actor").GetString());
        var reopened = await operatorClient.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{notCorrected.Id}/history");
        Assert.Equal(["open", "fixed_pending", "open"], reopened!.Select(e => e.GetProperty("toStatus").GetString()));
        Assert.Equal("found_again", reopened![2].GetProperty("reason").GetString());
    }
}
