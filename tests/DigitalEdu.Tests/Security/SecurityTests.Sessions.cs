using System.Net;
using DigitalEdu.Service.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Tests.Security;

/// <summary>Sessions: sign-out ends them on the server; a disabled user, a new password or a new role ends them at the next request.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task Signing_out_with_the_layouts_form_ends_the_session_and_the_old_cookie_opens_nothing()
    {
        using var client = await web.SignedInAsync(SecurityFixture.SchoolEmail);
        var page = await client.GetStringAsync($"/schools/{web.SchoolCode}");

        // A copy of the cookie as it was before signing out, as a stolen one would be.
        var cookie = CookieHeader(client);
        using (var copy = CopyWith(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);
        }

        // The layout's own form carries the antiforgery token; posting it signs out.
        var token = SecurityFixture.FormToken(page, "data-testid=\"sign-out\"");
        var signOut = await client.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/sign-in", signOut.Headers.Location!.OriginalString);

        using var reused = CopyWith(cookie);
        var again = await reused.GetAsync($"/schools/{web.SchoolCode}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/sign-in", again.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reused.GetAsync("/api/v1/mismatches?limit=1")).StatusCode);
        Assert.Single(await AuditAsync($"action=sign_out&actor={SecurityFixture.SchoolEmail}"), e => e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused_and_signs_nobody_out()
    {
        using var client = await web.SignedInAsync(SecurityFixture.SchoolEmail);
        var refused = await client.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_users_cookie_stops_working_at_the_next_request()
    {
        var email = await NewUserAsync("disabled");
        using var client = await web.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);

        // Only the flag, as an administrator's UPDATE would set it: the session is checked against the user on every request.
        await web.OwnerScalarAsync("UPDATE web_users SET disabled_at = now() WHERE email = @email", ("email", email));

        var after = await client.GetAsync($"/schools/{web.SchoolCode}");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecurityFixture.SignInAsync(web.Client(), email, SecurityFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_or_role_ends_the_sessions_begun_before_it()
    {
        var email = await NewUserAsync("changed");
        using var first = await web.SignedInAsync(email);
        using var second = await web.SignedInAsync(email);

        await using (var scope = web.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<WebUserSignIn>();
            Assert.Empty(await users.CreateOrUpdateAsync(email, Roles.School, [web.SchoolCode], "mot-mat-khau-moi-2026", CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);

        // A role change alone does the same.
        using var third = web.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityFixture.SignInAsync(third, email, "mot-mat-khau-moi-2026")).StatusCode);
        await using (var scope = web.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<WebUserSignIn>();
            Assert.Empty(await users.CreateOrUpdateAsync(email, Roles.Officer, [], "mot-mat-khau-moi-2026", CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await third.GetAsync($"/schools/{web.SchoolCode}")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_and_lives_no_longer_than_the_browser()
    {
        using var client = web.Client();
        var response = await SecurityFixture.SignInAsync(client, SecurityFixture.SchoolEmail, SecurityFixture.Password);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("digitaledu=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie holds a session key, not the user's claims: the claims stay on the server.
        Assert.True(cookie.Length < 900, cookie);

        // Every sign-in starts a new session: the same user signing in again gets another key.
        var again = await SecurityFixture.SignInAsync(web.Client(), SecurityFixture.SchoolEmail, SecurityFixture.Password);
        var second = Assert.Single(again.Headers.GetValues("Set-Cookie"), c => c.StartsWith("digitaledu=", StringComparison.Ordinal));
        Assert.NotEqual(cookie.Split(';')[0], second.Split(';')[0]);
    }

    [Fact]
    public async Task Passwords_need_twelve_characters_of_any_kind_and_are_stored_only_as_salted_hashes()
    {
        await using var scope = web.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<WebUserSignIn>();
        var email = $"password.{Guid.NewGuid().ToString("N")[..8]}@example.vn";
        Assert.NotEmpty(await users.CreateOrUpdateAsync(email, Roles.Officer, [], "ngan-qua-11", CancellationToken.None));
        Assert.Equal(0, await web.OwnerScalarAsync("SELECT count(*) FROM web_users WHERE email = @email", ("email", email)));

        // No composition rules: twelve lower-case letters and spaces do; so do 64 characters, and Vietnamese.
        foreach (var password in new[] { "mot hai ba bon", new string('a', 64) + " dài", "mật khẩu tiếng việt" })
        {
            Assert.Empty(await users.CreateOrUpdateAsync(email, Roles.Officer, [], password, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Redirect, (await SecurityFixture.SignInAsync(web.Client(), email, password)).StatusCode);
            var stored = (await Infrastructure.SqlRows.ReadAsync(web.App.OwnerConnectionString, "SELECT password_hash FROM web_users WHERE email = @email",
                r => r.GetString(0), ("email", email)))[0];

            // Identity's v3 format: PBKDF2 with a per-user salt, never the password.
            Assert.Equal(0x01, Convert.FromBase64String(stored)[0]);
            Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        }
    }

    private static string CookieHeader(SecurityClient client) => client.Cookies.GetCookieHeader(client.BaseAddress!);

    private HttpClient CopyWith(string cookieHeader)
    {
        var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = web.BaseUrl };
        copy.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        copy.DefaultRequestHeaders.Add("X-Forwarded-For", SecurityFixture.NewAddress());
        return copy;
    }
}
