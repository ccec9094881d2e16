using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Security;

/// <summary>The audit log: who, role, address, user agent, what, when and why; searched, paged, exported; append-only for the service.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task The_audit_log_records_who_from_where_with_what_what_when_and_why()
    {
        var clerkAddress = SecurityFixture.NewAddress();
        using var clerk = web.Client(clerkAddress, "Mozilla/5.0 (Android 14) clerk-phone");
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityFixture.SignInAsync(clerk, SecurityFixture.SchoolEmail, SecurityFixture.Password)).StatusCode);
        var item = await OpenItemAsync();
        var page = await clerk.GetStringAsync($"/schools/{web.SchoolCode}/items/{item.Id}");
        var fixedAnswer = await clerk.PostAsync($"/schools/{web.SchoolCode}/items/{item.Id}?handler=Fixed", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = "Đã sửa ngày sinh trên SMS",
            ["__RequestVerificationToken"] = SecurityFixture.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, fixedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/schools/{web.SchoolCode}/export.csv")).StatusCode);

        // An officer (by token, from elsewhere) dismisses it with a reason, takes that back, and unmasks it with a purpose.
        var officerAddress = SecurityFixture.NewAddress();
        using var officer = web.Client(officerAddress, "curl/8.5.0");
        officer.DefaultRequestHeaders.Authorization = web.OfficerApi.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/dismiss", new { reason = "Trùng với mục khác" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/reopen", new { reason = "Nhầm, mở lại" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/personal-id", new { purpose = "Đối chiếu giấy khai sinh" })).StatusCode);

        var entries = (await AuditAsync($"schoolCode={web.SchoolCode}")).Where(e => e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-2)).ToList();
        var itemId = long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture);
        AssertEntry("mark_fixed", SecurityFixture.SchoolEmail, "school", clerkAddress, "clerk-phone", "Đã sửa ngày sinh trên SMS", itemId);
        AssertEntry("export_csv", SecurityFixture.SchoolEmail, "school", clerkAddress, "clerk-phone", null, null);
        AssertEntry("dismiss", "officer@test.example.vn", "officer", officerAddress, "curl/8.5.0", "Trùng với mục khác", itemId);
        AssertEntry("reopen", "officer@test.example.vn", "officer", officerAddress, "curl/8.5.0", "Nhầm, mở lại", itemId);
        AssertEntry("show_personal_id", "officer@test.example.vn", "officer", officerAddress, "curl/8.5.0", "Đối chiếu giấy khai sinh", itemId);
        var signIn = (await AuditAsync($"action=sign_in&actor={SecurityFixture.SchoolEmail}")).First(e => e.GetProperty("clientAddress").GetString() == clerkAddress);
        Assert.Contains("clerk-phone", signIn.GetProperty("userAgent").GetString(), StringComparison.Ordinal);

        void AssertEntry(string action, string actor, string role, string address, string agent, string? reason, long? mismatchId)
        {
            var entry = entries.FirstOrDefault(e => e.GetProperty("action").GetString() == action && e.GetProperty("clientAddress").GetString() == address);
            Assert.True(entry.ValueKind == JsonValueKind.Object, $"no {action} entry from {address}");
            Assert.Equal(actor, entry.GetProperty("actor").GetString());
            Assert.Equal(role, entry.GetProperty("role").GetString());
            Assert.Contains(agent, entry.GetProperty("userAgent").GetString(), StringComparison.Ordinal);
            Assert.Equal(reason, entry.GetProperty("reason").GetString());
            Assert.Equal(mismatchId, entry.GetProperty("mismatchId").ValueKind == JsonValueKind.Null ? null : entry.GetProperty("mismatchId").GetInt64());
            Assert.True(entry.GetProperty("at").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task Unmasking_asks_for_a_purpose_and_without_one_shows_and_logs_nothing()
    {
        var item = (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={web.SchoolCode}&status=open")).First(i => i.PersonalId is not null);
        var before = await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'show_personal_id'");

        await AssertProblemAsync(await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/personal-id", new { purpose = "" }), HttpStatusCode.BadRequest, "purpose");
        await AssertProblemAsync(await web.OfficerApi.PostAsJsonAsync($"/api/v1/mismatches/{item.Id}/personal-id", new { }), HttpStatusCode.BadRequest, "purpose");

        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        var page = await officer.GetStringAsync($"/schools/{item.SchoolCode}/items/{item.Id}");
        var noPurpose = await officer.PostAsync($"/schools/{item.SchoolCode}/items/{item.Id}?handler=Show",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SecurityFixture.FormToken(page) }));
        var whole = (await SqlRows.ReadAsync(web.App.OwnerConnectionString, "SELECT personal_id FROM mismatches WHERE id = @id", r => r.GetString(0),
            ("id", long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture))))[0];
        var refusedPage = WebUtility.HtmlDecode(await noPurpose.Content.ReadAsStringAsync());
        Assert.DoesNotContain(whole, refusedPage, StringComparison.Ordinal);
        Assert.Contains("Cần ghi rõ mục đích", refusedPage, StringComparison.Ordinal);
        Assert.Equal(before, await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'show_personal_id'"));

        var shown = await officer.PostAsync($"/schools/{item.SchoolCode}/items/{item.Id}?handler=Show", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["purpose"] = "Xác minh theo đề nghị của phụ huynh",
            ["__RequestVerificationToken"] = SecurityFixture.FormToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(before + 1, await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'show_personal_id'"));
        Assert.Equal(1, await web.OwnerScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'show_personal_id' AND reason = 'Xác minh theo đề nghị của phụ huynh' AND actor = @actor",
            ("actor", SecurityFixture.OfficerEmail)));
    }

    [Fact]
    public async Task Officers_search_page_and_export_the_audit_log_and_schools_cannot()
    {
        for (var i = 0; i < 3; i++)
        {
            using var _ = await web.SignedInAsync(SecurityFixture.OperatorEmail);
        }

        var first = await web.OfficerApi.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=sign_in&actor=vanhanh.baomat&limit=2&page=1");
        var second = await web.OfficerApi.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=sign_in&actor=vanhanh.baomat&limit=2&page=2");
        Assert.True(first.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.SequenceEqual(ids.OrderDescending()), "newest first, across pages");
        Assert.All(first.GetProperty("items").EnumerateArray(), e => Assert.Equal(SecurityFixture.OperatorEmail, e.GetProperty("actor").GetString()));

        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        var html = await officer.GetStringAsync("/officer/audit?action=sign_in&actor=vanhanh.baomat");
        Assert.Contains("data-testid=\"audit-pager\"", html, StringComparison.Ordinal);
        Assert.Contains(SecurityFixture.OperatorEmail, html, StringComparison.Ordinal);
        Assert.Contains("/officer/audit/export.csv?actor=vanhanh.baomat&amp;action=sign_in", html, StringComparison.Ordinal);

        var export = await officer.GetAsync("/officer/audit/export.csv?action=sign_in&actor=vanhanh.baomat");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", export.Headers.CacheControl!.ToString());
        var csv = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Thời điểm,Người thực hiện,Vai trò", csv[0], StringComparison.Ordinal);
        Assert.True(csv.Length >= 4);
        Assert.All(csv.Skip(1), row => Assert.Contains(SecurityFixture.OperatorEmail, row, StringComparison.Ordinal));
        Assert.NotEmpty(await AuditAsync($"action=export_audit&actor={SecurityFixture.OfficerEmail}"));

        using var school = await web.SignedInAsync(SecurityFixture.SchoolEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync("/officer/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync("/officer/audit/export.csv")).StatusCode);
        using var schoolToken = await web.ApiClientAsync(Roles.School, web.SchoolCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolToken.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task The_services_database_role_may_append_to_the_audit_log_and_freeze_reports_but_not_change_or_delete_either()
    {
        // The host connects as its own role: the whole run of this fixture went through it.
        await using var service = NpgsqlDataSource.Create(web.App.ConnectionString);
        await using (var whoami = service.CreateCommand("SELECT current_user"))
        {
            Assert.Equal(SecurityFixture.ServiceRole, await whoami.ExecuteScalarAsync());
        }

        await using (var insert = service.CreateCommand("INSERT INTO audit_log (at, actor, role, action) VALUES (now(), 'test', '', 'sign_in') RETURNING id"))
        {
            Assert.IsType<long>(await insert.ExecuteScalarAsync());
        }

        foreach (var statement in new[]
        {
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER ALL",
            "DROP TABLE audit_log",
            "ALTER TABLE audit_log OWNER TO CURRENT_USER",
        })
        {
            await using var command = service.CreateCommand(statement);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{statement}: {refused.SqlState} {refused.MessageText}");
        }

        Assert.True(await web.OwnerScalarAsync("SELECT count(*) FROM audit_log WHERE actor <> 'someone else'") > 1);

        // Frozen report snapshots likewise: the service's role may freeze (insert) and read them, never change them.
        foreach (var table in new[] { "report_snapshots", "report_snapshot_figures", "report_snapshot_items" })
        {
            var column = table == "report_snapshots" ? "period" : "snapshot_id";
            foreach (var statement in new[] { $"UPDATE {table} SET {column} = {column}", $"DELETE FROM {table}", $"TRUNCATE {table}", $"DROP TABLE {table}" })
            {
                await using var command = service.CreateCommand(statement);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{statement}: {refused.SqlState} {refused.MessageText}");
            }

            await using var read = service.CreateCommand($"SELECT count(*) FROM {table}");
            Assert.IsType<long>(await read.ExecuteScalarAsync());
        }
    }
}
