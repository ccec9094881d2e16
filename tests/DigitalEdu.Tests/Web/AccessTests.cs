using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Web;

/// <summary>Scope and request forgery, checked over HTTP against the real host: what a user may not reach, they cannot.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class AccessTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Theory]
    [InlineData("/api/v1/mismatches")]
    [InlineData("/api/v1/mismatches/summary")]
    [InlineData("/api/v1/sync-runs")]
    [InlineData("/api/v1/batches?status=failed")]
    public async Task Anonymous_api_calls_answer_401(string path)
    {
        using var client = web.CookieClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/officer")]
    [InlineData("/officer/audit")]
    [InlineData("/operator")]
    [InlineData("/operator/batches")]
    [InlineData("/operator/runs/01900000-0000-7000-8000-000000000000")]
    [InlineData("/schools")]
    [InlineData("/schools/22000101")]
    [InlineData("/schools/22000101/export.xlsx")]
    [InlineData("/hangfire")]
    public async Task Anonymous_pages_redirect_to_sign_in(string path)
    {
        using var client = web.CookieClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        using var client = web.CookieClient();
        var token = await WebFixture.AntiforgeryTokenAsync(client, "/sign-in");
        var response = await client.PostAsync("/sign-in", Form(token, ("email", WebFixture.SchoolEmail), ("password", "wrong-password-123")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Email hoặc mật khẩu không đúng", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/schools")).StatusCode);
    }

    [Fact]
    public async Task School_user_cannot_reach_another_schools_pages_items_or_exports()
    {
        using var client = web.CookieClient();
        await WebFixture.SignInAsync(client, WebFixture.SchoolEmail);
        var other = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.OtherSchoolCode}&status=open"))[0];
        var own = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open"))[0];

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/schools/{web.SchoolCode}/items/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/schools/{web.SchoolCode}/export.csv")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/schools/{web.OtherSchoolCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/schools/{web.OtherSchoolCode}/items/{other.Id}")).StatusCode);

        // Another school's item under the user's own school code does not leak either.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/schools/{web.SchoolCode}/items/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/schools/{web.OtherSchoolCode}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/schools/{web.OtherSchoolCode}/export.csv")).StatusCode);

        var token = await WebFixture.AntiforgeryTokenAsync(client, $"/schools/{web.SchoolCode}/items/{own.Id}");
        var fixOther = await client.PostAsync($"/schools/{web.OtherSchoolCode}/items/{other.Id}?handler=Fixed", Form(token));
        Assert.Equal(HttpStatusCode.NotFound, fixOther.StatusCode);
        var reveal = await client.PostAsync($"/schools/{web.SchoolCode}/items/{own.Id}?handler=Show", Form(token));
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);

        foreach (var path in new[] { "/officer", "/officer/audit", "/operator", "/operator/batches", "/operator/runs/01900000-0000-7000-8000-000000000000", "/hangfire" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        }

        // The same through the API with the cookie: outside the scope is 403 or 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/mismatches?schoolCode={web.OtherSchoolCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/mismatches/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task School_token_cannot_reach_another_schools_items_through_the_api()
    {
        var api = await web.App.CreateClientAsync(Roles.School, web.SchoolCode);
        var other = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.OtherSchoolCode}&status=open"))[0];

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/mismatches?schoolCode={web.OtherSchoolCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/mismatches/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/mismatches/{other.Id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/mismatches/{other.Id}/fixed", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/schools/{web.OtherSchoolCode}/export.xlsx")).StatusCode);
        var mine = (await api.GetFromJsonAsync<MismatchPageDto>("/api/v1/mismatches?limit=1000"))!;
        Assert.All(mine.Items, i => Assert.Equal(web.SchoolCode, i.SchoolCode));
    }

    [Fact]
    public async Task Operator_token_does_not_open_the_job_dashboard_only_an_operator_session_does()
    {
        var api = await web.App.CreateClientAsync(Roles.Operator);
        Assert.NotEqual(HttpStatusCode.OK, (await api.GetAsync("/hangfire")).StatusCode);

        using var client = web.CookieClient();
        await WebFixture.SignInAsync(client, WebFixture.OperatorEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Every_form_post_without_the_antiforgery_token_is_rejected()
    {
        using var anonymous = web.CookieClient();
        await anonymous.GetAsync("/sign-in");
        var signIn = await anonymous.PostAsync("/sign-in", Form(null, ("email", WebFixture.SchoolEmail), ("password", WebFixture.Password)));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);

        using var school = web.CookieClient();
        await WebFixture.SignInAsync(school, WebFixture.SchoolEmail);
        var own = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open"))[0];
        var fixedWithoutToken = await school.PostAsync($"/schools/{web.SchoolCode}/items/{own.Id}?handler=Fixed", Form(null, ("note", "x")));
        Assert.Equal(HttpStatusCode.BadRequest, fixedWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await school.PostAsync("/sign-out", Form(null))).StatusCode);
        var still = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open"));
        Assert.Contains(still, i => i.Id == own.Id);

        using var officer = web.CookieClient();
        await WebFixture.SignInAsync(officer, WebFixture.OfficerEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/schools/{web.SchoolCode}/items/{own.Id}?handler=Show", Form(null))).StatusCode);

        using var operatorClient = web.CookieClient();
        await WebFixture.SignInAsync(operatorClient, WebFixture.OperatorEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/operator?handler=Start", Form(null, ("mode", "full")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/operator/batches?handler=RetryAll", Form(null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/operator/batches?handler=Retry", Form(null, ("id", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/operator?handler=Pause", Form(null, ("source", "sms")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await operatorClient.PostAsync("/operator/runs/01900000-0000-7000-8000-000000000000?handler=Retry", Form(null))).StatusCode);
    }

    [Fact]
    public async Task Exports_are_written_to_the_audit_log_the_officer_reads()
    {
        using var school = web.CookieClient();
        await WebFixture.SignInAsync(school, WebFixture.SchoolEmail);
        var csv = await school.GetAsync($"/schools/{web.SchoolCode}/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("Mã mục,Họ và tên,Ngày sinh", text.TrimStart('\uFEFF'));

        using var officer = web.CookieClient();
        await WebFixture.SignInAsync(officer, WebFixture.OfficerEmail);
        var audit = await officer.GetStringAsync($"/officer/audit?schoolCode={web.SchoolCode}");
        Assert.Contains("data-action=\"export_csv\"", audit);
        Assert.Contains(WebFixture.SchoolEmail, audit);
    }

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        if (token is not null)
        {
            values["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(values);
    }
}
