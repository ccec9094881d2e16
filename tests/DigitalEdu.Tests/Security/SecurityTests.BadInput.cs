using System.Net;
using System.Net.Http.Json;
using System.Text;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Security;

/// <summary>Hostile input: each answers a problem+json 400 naming the field in camelCase, and nothing is written first.</summary>
public sealed partial class SecurityTests
{
    public static TheoryData<string, string> BadQueries() => new()
    {
        // path and query, the field the answer must name
        { "/api/v1/mismatches?kind=%00", "kind" },
        { "/api/v1/mismatches?schoolCode=2200%00101", "schoolCode" },
        { "/api/v1/mismatches?schoolCode=%D9%A2%D9%A2%D9%A0%D9%A0%D9%A0%D9%A1%D9%A0%D9%A1", "schoolCode" },
        { "/api/v1/mismatches?schoolCode=22000101%0A", "schoolCode" },
        { "/api/v1/mismatches?cursor=zzz", "cursor" },
        { "/api/v1/mismatches?personKind=teacher", "personKind" },
        { "/api/v1/mismatches/summary?status=%00", "status" },
        { "/api/v1/audit?actor=a%00b", "actor" },
        { "/api/v1/audit?schoolCode=%EF%BC%92%EF%BC%92%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%91", "schoolCode" },
        { "/api/v1/audit?action=delete_everything", "action" },
        { "/api/v1/audit?from=yesterday", "from" },
        { "/api/v1/batches?status=failed%00", "status" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_value_answers_a_problem_400_naming_the_field(string path, string field) =>
        await AssertProblemAsync(await web.OperatorApi.GetAsync(path), HttpStatusCode.BadRequest, field);

    public static TheoryData<string, string> BadExports() => new()
    {
        // what follows /schools/, the field the answer must name
        { "%EF%BC%92%EF%BC%92%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%91/export.csv", "schoolCode" },
        { "%D9%A2%D9%A2%D9%A0%D9%A0%D9%A0%D9%A1%D9%A0%D9%A1/export.xlsx", "schoolCode" },
        { "22000101220001012200010122000101/export.csv", "schoolCode" },
        { "2200%22101/export.csv", "schoolCode" },
        { "22000101%0A/export.csv", "schoolCode" },
        { "{school}/export.csv?kind=x", "kind" },
        { "{school}/export.xlsx?status=gone", "status" },
        { "{school}/export.csv?kind=%00", "kind" },
    };

    [Theory]
    [MemberData(nameof(BadExports))]
    public async Task A_bad_export_request_answers_a_problem_400_and_writes_no_audit_row(string rest, string field)
    {
        var before = await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE action LIKE 'export%'");
        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        await AssertProblemAsync(await officer.GetAsync("/schools/" + rest.Replace("{school}", web.SchoolCode, StringComparison.Ordinal)), HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE action LIKE 'export%'"));
    }

    [Fact]
    public async Task A_nul_in_a_note_or_reason_answers_400_and_changes_nothing()
    {
        var item = await OpenItemAsync();
        using var school = await web.ApiClientAsync(Roles.School, web.SchoolCode);
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/fixed", new { note = "đã sửa\0" }), HttpStatusCode.BadRequest, "note");
        await AssertProblemAsync(await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/dismiss", new { reason = "trùng\0lặp" }), HttpStatusCode.BadRequest, "reason");
        await AssertProblemAsync(await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/personal-id", new { purpose = "xem\u0001" }), HttpStatusCode.BadRequest, "purpose");

        // A lone surrogate cannot be stored either.
        using var loneSurrogate = new StringContent("{\"reason\": \"l\\ud800\"}", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await web.OfficerApi.PostAsync($"/api/v1/mismatches/{item.Id}/dismiss", loneSurrogate), HttpStatusCode.BadRequest, "reason");

        Assert.Equal("open", (await web.OfficerApi.GetFromJsonAsync<MismatchDto>($"/api/v1/mismatches/{item.Id}"))!.Status);
        Assert.Equal(0, await web.OwnerScalarAsync("SELECT count(*) FROM mismatch_events WHERE mismatch_id = @id AND reason LIKE '%lặp%'",
            ("id", long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture))));

        // In the item page's form a NUL is refused as a bad request (the framework's form reading stops at it), another control
        // character with the form's message; neither is a 500, neither changes the item.
        using var clerk = await web.SignedInAsync(SecurityFixture.SchoolEmail);
        var page = await clerk.GetStringAsync($"/schools/{web.SchoolCode}/items/{item.Id}");
        foreach (var (note, status) in new[] { ("a\0b", HttpStatusCode.BadRequest), ("a\u0001b", HttpStatusCode.OK) })
        {
            var form = await clerk.PostAsync($"/schools/{web.SchoolCode}/items/{item.Id}?handler=Fixed", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["note"] = note,
                ["__RequestVerificationToken"] = SecurityFixture.FormToken(page),
            }));
            Assert.Equal(status, form.StatusCode);
        }

        Assert.Equal("open", (await web.OfficerApi.GetFromJsonAsync<MismatchDto>($"/api/v1/mismatches/{item.Id}"))!.Status);
    }

    [Fact]
    public async Task A_bad_school_code_in_a_run_request_answers_400_naming_it_and_starts_nothing()
    {
        var before = await web.OwnerScalarAsync("SELECT count(*) FROM sync_runs");
        foreach (var code in new[] { "٢٢٠٠٠١٠١", "22000101\n", "２２０００１０１", "2200\"101" })
        {
            await AssertProblemAsync(await web.OperatorApi.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "full", schoolCode = code }), HttpStatusCode.BadRequest, "schoolCode");
        }

        await AssertProblemAsync(await web.OperatorApi.PostAsJsonAsync("/api/v1/sync-runs", new { mode = "sometimes" }), HttpStatusCode.BadRequest, "mode");
        Assert.Equal(before, await web.OwnerScalarAsync("SELECT count(*) FROM sync_runs"));
    }

    [Fact]
    public async Task A_bad_query_value_on_a_page_answers_400_not_500()
    {
        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        foreach (var path in new[] { "/officer/audit?schoolCode=%00", "/officer/audit?schoolCode=%D9%A2%D9%A2%D9%A0%D9%A0%D9%A0%D9%A1%D9%A0%D9%A1", $"/schools/{web.SchoolCode}?kind=%00" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync(path)).StatusCode);
        }
    }
}
