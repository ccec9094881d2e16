using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Security;

/// <summary>Every read of a person is scoped to the caller's schools; candidates elsewhere show only their school.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task A_school_users_candidate_look_up_shows_other_schools_children_only_by_school_and_is_audited()
    {
        // An SMS record nobody matched, and a likely counterpart planted in the national records of another school.
        var item = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, "&kind=missing_in_national&status=open")).First(i => i.SmsKey is not null);
        var elsewhere = web.SchoolCode == item.SchoolCode ? web.OtherSchoolCode : web.SchoolCode;
        var plantedKey = "TEST-ELSEWHERE-" + item.Id;
        await web.OwnerScalarAsync(
            """
            CREATE TEMP TABLE planted ON COMMIT DROP AS SELECT * FROM person_records WHERE source = 'sms' AND person_kind = @kind AND source_key = @key;
            UPDATE planted SET source = 'national', source_key = @planted, school_code = @school, moet_code = NULL, personal_id_raw = NULL, personal_id_digits = NULL;
            INSERT INTO person_records SELECT * FROM planted;
            """,
            ("kind", item.PersonKind), ("key", item.SmsKey!), ("planted", plantedKey), ("school", elsewhere));
        try
        {
            // An officer sees the province: the counterpart in full.
            var officerView = await web.OfficerApi.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{item.Id}/candidates");
            var full = Assert.Single(officerView!, c => c.GetProperty("sourceKey").GetString() == plantedKey);
            Assert.False(string.IsNullOrEmpty(full.GetProperty("fullName").GetString()));

            // The item's school sees that a counterpart exists at another school, and nothing about the child.
            using var school = await web.ApiClientAsync(Roles.School, item.SchoolCode);
            var response = await school.GetAsync($"/api/v1/mismatches/{item.Id}/candidates");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var schoolView = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
            var outside = Assert.Single(schoolView, c => c.GetProperty("schoolCode").GetString() == elsewhere);
            Assert.True(outside.GetProperty("outsideScope").GetBoolean());
            foreach (var field in new[] { "sourceKey", "moetCode", "fullName", "dateOfBirth", "gender", "personalId", "status", "score" })
            {
                Assert.Equal(JsonValueKind.Null, outside.GetProperty(field).ValueKind);
            }

            Assert.Empty(outside.GetProperty("agreeing").EnumerateArray());
            Assert.All(schoolView.Where(c => !c.GetProperty("outsideScope").GetBoolean()), c => Assert.Equal(item.SchoolCode, c.GetProperty("schoolCode").GetString()));
            Assert.DoesNotContain(full.GetProperty("fullName").GetString()!,
                string.Join('\n', schoolView.Where(c => c.GetProperty("schoolCode").GetString() != item.SchoolCode).Select(c => c.GetRawText())), StringComparison.Ordinal);

            // Another school's user does not reach the item at all.
            using var stranger = await web.ApiClientAsync(Roles.School, elsewhere);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/mismatches/{item.Id}/candidates")).StatusCode);

            // Both look-ups are audited: who, which item, how much was shown.
            var audit = await AuditAsync($"action=find_candidates&schoolCode={item.SchoolCode}");
            Assert.Contains(audit, e => e.GetProperty("actor").GetString() == "school@test.example.vn" && e.GetProperty("mismatchId").GetInt64() == long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture)
                && !e.GetProperty("detail").GetString()!.Contains(" 0 schools outside", StringComparison.Ordinal));
            Assert.Contains(audit, e => e.GetProperty("actor").GetString() == "officer@test.example.vn" && e.GetProperty("role").GetString() == "officer");
        }
        finally
        {
            await web.OwnerScalarAsync("DELETE FROM person_records WHERE source_key = @planted", ("planted", plantedKey));
        }
    }

    [Fact]
    public async Task A_birth_date_and_a_gender_alone_propose_no_candidate()
    {
        var item = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, "&kind=missing_in_national&status=open")).First(i => i.SmsKey is not null);
        var plantedKey = "TEST-SAME-BIRTHDAY-" + item.Id;
        await web.OwnerScalarAsync(
            """
            CREATE TEMP TABLE planted ON COMMIT DROP AS SELECT * FROM person_records WHERE source = 'sms' AND person_kind = @kind AND source_key = @key;
            UPDATE planted SET source = 'national', source_key = @planted, full_name = 'Khác Hẳn Tên', full_name_key = 'khac han ten',
                               father_name_key = NULL, mother_name_key = NULL, moet_code = NULL, personal_id_raw = NULL, personal_id_digits = NULL;
            INSERT INTO person_records SELECT * FROM planted;
            """,
            ("kind", item.PersonKind), ("key", item.SmsKey!), ("planted", plantedKey));
        try
        {
            var candidates = await web.OfficerApi.GetFromJsonAsync<JsonElement[]>($"/api/v1/mismatches/{item.Id}/candidates");
            Assert.DoesNotContain(candidates!, c => c.GetProperty("sourceKey").GetString() == plantedKey);
        }
        finally
        {
            await web.OwnerScalarAsync("DELETE FROM person_records WHERE source_key = @planted", ("planted", plantedKey));
        }
    }

    [Fact]
    public async Task Officers_cannot_mark_items_fixed_only_the_school_can()
    {
        var item = await OpenItemAsync();
        var officerToken = await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/fixed", new { note = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, officerToken.StatusCode);

        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        var page = await officer.GetStringAsync($"/schools/{item.SchoolCode}/items/{item.Id}");
        Assert.DoesNotContain("data-testid=\"mark-fixed\"", page, StringComparison.Ordinal);
        var token = SecurityFixture.FormToken(page);
        var officerForm = await officer.PostAsync($"/schools/{item.SchoolCode}/items/{item.Id}?handler=Fixed",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = "x", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, officerForm.StatusCode);
        Assert.Equal("open", (await web.OfficerApi.GetFromJsonAsync<MismatchDto>($"/api/v1/mismatches/{item.Id}"))!.Status);
        Assert.Empty(await AuditAsync($"action=mark_fixed&actor={SecurityFixture.OfficerEmail}"));
    }
}
