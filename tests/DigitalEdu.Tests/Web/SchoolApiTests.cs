using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// The clerk's loop through the API, over HTTP against the real host: search and filters, who each item is about, several
/// items marked at once, "Kiểm tra lại" and its limit, the records sharing a duplicate's ID within and outside the caller's
/// scope, and the returned spreadsheet's own size limit and error page.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SchoolApiTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task Items_say_who_and_search_finds_a_name_typed_without_diacritics_an_sms_code_and_id_digits()
    {
        var open = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open");
        Assert.True(open.Count(i => i.Person?.FullName is not null) >= open.Count * 9 / 10, "most items say who they are about");
        var pupil = open.First(i => i.PersonKind == WireNames.Student && i.Person?.FullName is { } name && name != PageChecks.WithoutDiacritics(name)
                                    && i.SmsKey is not null && i.PersonalId is { Length: 12 });

        var byName = await SearchAsync(PageChecks.WithoutDiacritics(pupil.Person!.FullName!).ToUpperInvariant());
        Assert.Contains(byName, i => i.Id == pupil.Id);
        Assert.All(byName, i => Assert.Contains(PageChecks.WithoutDiacritics(pupil.Person.FullName!), PageChecks.WithoutDiacritics(i.Person!.FullName!)));
        Assert.Contains(await SearchAsync(pupil.SmsKey!.ToLowerInvariant()), i => i.Id == pupil.Id);
        Assert.Contains(await SearchAsync(pupil.PersonalId![^3..]), i => i.Id == pupil.Id);

        var inClass = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi,
            $"&schoolCode={web.SchoolCode}&status=open&className={Uri.EscapeDataString(pupil.Person.ClassName!)}");
        Assert.Contains(inClass, i => i.Id == pupil.Id);
        Assert.All(inClass, i => Assert.Equal(pupil.Person.ClassName, i.Person!.ClassName));
    }

    [Theory]
    [InlineData("?search=nguyen", "schoolCode")]
    [InlineData("?schoolCode=22000101&search=", null)]
    [InlineData("?schoolCode=22000101&className=%01", "className")]
    public async Task A_search_outside_one_school_or_with_bad_text_is_a_400_naming_the_field(string query, string? field)
    {
        var response = await web.OfficerApi.GetAsync("/api/v1/mismatches" + query);
        if (field is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(Names(problem, field), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_school_marks_several_items_at_once_but_not_what_only_the_operator_can_act_on_nor_another_schools()
    {
        using var school = await web.App.CreateClientAsync(Roles.School, web.SchoolCode);
        var open = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open");
        var mine = open.Where(i => !i.OperatorOnly).Take(2).Select(i => long.Parse(i.Id, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var operatorOnly = long.Parse(open.First(i => i.OperatorOnly).Id, System.Globalization.CultureInfo.InvariantCulture);
        var other = long.Parse((await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.OtherSchoolCode}&status=open"))[0].Id,
            System.Globalization.CultureInfo.InvariantCulture);

        var response = await school.PostAsJsonAsync("/api/v1/mismatches/fixed", new { ids = (long[])[.. mine, operatorOnly, other], note = "Đã sửa trên SMS" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(mine.Order(), result.GetProperty("marked").EnumerateArray().Select(e => e.GetInt64()).Order());
        var left = result.GetProperty("notMarked").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetInt64(), e => e.GetProperty("reason").GetString());
        Assert.Equal("operator_only", left[operatorOnly]);
        Assert.Equal("not_found", left[other]);

        var empty = await school.PostAsJsonAsync("/api/v1/mismatches/fixed", new { ids = Array.Empty<long>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(Names(await empty.Content.ReadFromJsonAsync<JsonElement>(), "ids"));
    }

    [Fact]
    public async Task A_check_runs_the_school_once_a_minute_and_reports_what_changed()
    {
        using var school = await web.App.CreateClientAsync(Roles.School, web.OtherSchoolCode);
        var started = await school.PostAsync($"/api/v1/schools/{web.OtherSchoolCode}/checks", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();

        var again = await school.PostAsync($"/api/v1/schools/{web.OtherSchoolCode}/checks", null);
        Assert.Equal((HttpStatusCode)429, again.StatusCode);
        Assert.True(again.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NotFound, (await school.PostAsync($"/api/v1/schools/{web.SchoolCode}/checks", null)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement outcome;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the check did not finish");
            await Task.Delay(250);
            outcome = await school.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{web.OtherSchoolCode}/checks/{runId}");
        }
        while (outcome.GetProperty("finishedAt").ValueKind == JsonValueKind.Null);

        Assert.Equal(SyncRunStatus.Succeeded, outcome.GetProperty("status").GetString());
        Assert.True(outcome.GetProperty("openNow").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/v1/schools/{web.SchoolCode}/checks/{runId}")).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_lists_the_records_sharing_its_id_whole_within_scope_and_only_the_school_outside_it()
    {
        var duplicates = await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&kind={MismatchKinds.IdDuplicate}&status=open");
        foreach (var item in duplicates)
        {
            var all = await web.OfficerApi.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{item.Id}/shared-id");
            if (all!.FirstOrDefault(r => r.GetProperty("schoolCode").GetString() != item.SchoolCode) is not { ValueKind: JsonValueKind.Object } elsewhere)
            {
                continue;
            }

            Assert.NotNull(elsewhere.GetProperty("fullName").GetString());
            using var school = await web.App.CreateClientAsync(Roles.School, item.SchoolCode);
            var seen = await school.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{item.Id}/shared-id");
            var outside = seen!.Single(r => r.GetProperty("schoolCode").GetString() == elsewhere.GetProperty("schoolCode").GetString());
            Assert.False(outside.GetProperty("inScope").GetBoolean());
            Assert.NotNull(outside.GetProperty("schoolName").GetString());
            foreach (var hidden in new[] { "fullName", "dateOfBirth", "className", "sourceKey", "moetCode" })
            {
                Assert.Equal(JsonValueKind.Null, outside.GetProperty(hidden).ValueKind);
            }

            return;
        }

        Assert.Fail("no duplicate shares its ID with another school's record");
    }

    [Fact]
    public async Task A_returned_spreadsheet_larger_than_an_api_body_is_read_and_a_bad_one_named_on_a_vietnamese_page()
    {
        using var client = web.CookieClient();
        await WebFixture.SignInAsync(client, WebFixture.SchoolEmail);
        var token = await WebFixture.AntiforgeryTokenAsync(client, $"/schools/{web.SchoolCode}/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[200 * 1024]), "file", "da-sua.xlsx" },
        };

        var response = await client.PostAsync($"/schools/{web.SchoolCode}/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-error\"", page);
        Assert.Contains("Không đọc được tệp", System.Net.WebUtility.HtmlDecode(page));

        // Past the spreadsheet's own limit: refused before it is read, on the site's error page.
        using var huge = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[6 * 1024 * 1024]), "file", "da-sua.xlsx" },
        };
        // (Expect: 100-continue, so the client hears the answer before it has sent the body the server will not read.)
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/schools/{web.SchoolCode}/import") { Content = huge };
        request.Headers.ExpectContinue = true;
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("quá lớn", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Pages_answer_errors_with_a_vietnamese_page_and_the_api_with_problem_json()
    {
        using var client = web.CookieClient();
        await WebFixture.SignInAsync(client, WebFixture.SchoolEmail);

        var page = await client.GetAsync($"/schools/{web.SchoolCode}/items/999999999");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Không tìm thấy trang", System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));

        var forbidden = await client.GetAsync("/officer");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Không có quyền truy cập", System.Net.WebUtility.HtmlDecode(await forbidden.Content.ReadAsStringAsync()));

        var bad = await client.GetAsync($"/schools/{web.SchoolCode}?status=khong-co");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));

        var api = await web.OfficerApi.GetAsync("/api/v1/mismatches/999999999");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Whether a problem's errors name the field (the casing of the keys is the validation filter's business).</summary>
    private static bool Names(JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));

    private Task<List<MismatchDto>> SearchAsync(string text) =>
        DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open&search={Uri.EscapeDataString(text)}");
}
