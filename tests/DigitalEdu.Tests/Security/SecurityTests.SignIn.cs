using System.Net;

namespace DigitalEdu.Tests.Security;

/// <summary>Brute force: lockout per account with a backoff, throttling per address, every attempt logged and audited without the password.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task Twenty_wrong_passwords_lock_the_account_so_the_right_one_is_refused_and_each_lockout_lasts_longer()
    {
        var email = await NewUserAsync("lockout");
        var passwords = Enumerable.Range(1, 20).Select(i => $"sai-mat-khau-{i:00}-{Guid.NewGuid():N}").ToList();

        // Each guess from another address, so it is the account, not the address, that is locked.
        foreach (var password in passwords)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SecurityFixture.SignInAsync(web.Client(), email, password)).StatusCode);
        }

        var right = await SecurityFixture.SignInAsync(web.Client(), email, SecurityFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("tạm khoá", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The first lockout (Access:FirstLockout, 30 s here) began at the fifth wrong password; guesses during it were not even checked.
        var lockedFor = await web.OwnerScalarAsync("SELECT extract(epoch FROM lockout_end - now())::bigint FROM web_users WHERE email = @email", ("email", email));
        Assert.InRange(lockedFor, 15, 30);
        Assert.Equal(1, await web.OwnerScalarAsync("SELECT lockouts_in_a_row FROM web_users WHERE email = @email", ("email", email)));
        var audit = await AuditAsync($"actor={Uri.EscapeDataString(email)}");
        Assert.Equal(4, audit.Count(e => e.GetProperty("action").GetString() == "sign_in_failed"));
        Assert.Equal(17, audit.Count(e => e.GetProperty("action").GetString() == "sign_in_locked"));
        Assert.All(audit.Where(e => e.GetProperty("action").GetString()!.StartsWith("sign_in", StringComparison.Ordinal)),
            e => Assert.False(string.IsNullOrEmpty(e.GetProperty("clientAddress").GetString())));

        // Once it ends (moved back here rather than waited for), five more wrong passwords lock it for twice as long.
        await web.OwnerScalarAsync("UPDATE web_users SET lockout_end = now() - interval '1 second' WHERE email = @email", ("email", email));
        foreach (var password in passwords.Take(5))
        {
            await SecurityFixture.SignInAsync(web.Client(), email, password);
        }

        lockedFor = await web.OwnerScalarAsync("SELECT extract(epoch FROM lockout_end - now())::bigint FROM web_users WHERE email = @email", ("email", email));
        Assert.InRange(lockedFor, 45, 60);

        // After that one, the right password signs in, and the count starts again.
        await web.OwnerScalarAsync("UPDATE web_users SET lockout_end = now() - interval '1 second' WHERE email = @email", ("email", email));
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityFixture.SignInAsync(web.Client(), email, SecurityFixture.Password)).StatusCode);
        Assert.Equal(0, await web.OwnerScalarAsync("SELECT lockouts_in_a_row + access_failed_count FROM web_users WHERE email = @email", ("email", email)));

        // Logged and audited, successes and failures alike, and never a password.
        var lines = web.Logs.Lines.ToList();
        var userId = await web.OwnerScalarAsync("SELECT id FROM web_users WHERE email = @email", ("email", email));
        Assert.Contains(lines, l => l.Contains($"Sign-in failed for user {userId}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"User {userId} locked out", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"User {userId} (school) signed in", StringComparison.Ordinal));
        Assert.Contains(await AuditAsync($"actor={Uri.EscapeDataString(email)}&action=sign_in"), e => e.GetProperty("action").GetString() == "sign_in");
        var everything = string.Join('\n', lines) + await web.OfficerApi.GetStringAsync($"/api/v1/audit?limit=1000&actor={Uri.EscapeDataString(email)}");
        Assert.DoesNotContain(SecurityFixture.Password, everything, StringComparison.Ordinal);
        Assert.All(passwords, p => Assert.DoesNotContain(p, everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_throttled_whichever_accounts_they_try()
    {
        var address = SecurityFixture.NewAddress();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await SecurityFixture.SignInAsync(web.Client(address), $"khong-co-{i}@example.vn", "sai-mat-khau-thu-nghiem"));
        }

        // RateLimits:SignInsPerMinute is 10 here.
        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Skip(10), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.True(int.Parse(answers[^1].Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The form itself still opens, and another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await web.Client(address).GetAsync("/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityFixture.SignInAsync(web.Client(), SecurityFixture.OfficerEmail, SecurityFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task Calls_past_an_addresss_rate_are_answered_429_and_other_addresses_keep_theirs()
    {
        // RateLimits:RequestBurst is 60 here; an anonymous flood from one address is refused before authentication.
        using var flooder = web.Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => flooder.GetAsync("/api/v1/mismatches?limit=1")));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count >= 50, $"{refused.Count} of 150 refused");
        Assert.All(answers.Except(refused), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.NotNull(refused[0].Headers.RetryAfter);
        await AssertProblemAsync(refused[0], HttpStatusCode.TooManyRequests);

        using var other = await web.ApiClientAsync(Service.Access.Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/mismatches?limit=1")).StatusCode);
    }
}
