using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Security;

/// <summary>Transport and headers: CSP, no framing, no sniffing, no referrer, no Server, no caching of personal data; Secure and HSTS behind the proxy.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task Every_page_kind_api_answer_and_export_carries_the_security_headers_and_is_not_cached()
    {
        var item = await OpenItemAsync();
        using var anonymous = web.Client();
        using var officer = await web.SignedInAsync(SecurityFixture.OfficerEmail);
        using var school = await web.SignedInAsync(SecurityFixture.SchoolEmail);
        using var operatorSession = await web.SignedInAsync(SecurityFixture.OperatorEmail);
        var requests = new (HttpClient Client, string Path, HttpStatusCode Status, bool Html)[]
        {
            (anonymous, "/sign-in", HttpStatusCode.OK, true),
            (anonymous, "/officer", HttpStatusCode.Redirect, false),
            (anonymous, "/api/v1/mismatches", HttpStatusCode.Unauthorized, false),
            (anonymous, "/health/ready", HttpStatusCode.OK, false),
            (anonymous, "/khong-co-trang-nay", HttpStatusCode.Redirect, false),
            (officer, "/khong-co-trang-nay", HttpStatusCode.NotFound, false),
            (officer, "/officer", HttpStatusCode.OK, true),
            (officer, "/officer/audit", HttpStatusCode.OK, true),
            (officer, "/officer/audit/export.csv", HttpStatusCode.OK, false),
            (officer, $"/schools/{item.SchoolCode}", HttpStatusCode.OK, true),
            (officer, "/api/v1/audit?limit=1", HttpStatusCode.OK, false),
            (officer, "/api/v1/mismatches?kind=nope", HttpStatusCode.BadRequest, false),
            (school, $"/schools/{item.SchoolCode}/items/{item.Id}", HttpStatusCode.OK, true),
            (school, $"/schools/{item.SchoolCode}/export.csv", HttpStatusCode.OK, false),
            (school, $"/schools/{item.SchoolCode}/export.xlsx", HttpStatusCode.OK, false),
            (school, $"/api/v1/mismatches/{item.Id}", HttpStatusCode.OK, false),
            (school, "/officer", HttpStatusCode.Forbidden, false),
            (operatorSession, "/operator", HttpStatusCode.OK, true),
            (operatorSession, "/operator/batches", HttpStatusCode.OK, true),
            (operatorSession, "/hangfire", HttpStatusCode.OK, false),
        };

        foreach (var (client, path, status, html) in requests)
        {
            using var response = await client.GetAsync(path);
            var where = $"{path} ({(int)response.StatusCode})";
            Assert.True(response.StatusCode == status, where);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.False(response.Headers.Contains("Server"), where);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{where}: Cache-Control {response.Headers.CacheControl}");
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.Contains("export", StringComparison.Ordinal))
            {
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            }

            if (html)
            {
                // The policy allows the service's own files only, so pages hold no inline script or style.
                Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotMatch(new Regex("<script(?![^>]*\\ssrc=)", RegexOptions.IgnoreCase), body);
                Assert.DoesNotMatch(new Regex("<style|\\sstyle=|\\son[a-z]+=", RegexOptions.IgnoreCase), body);
            }
        }

        // Static files are the one thing a cache may keep (their address changes with their content).
        using var css = await anonymous.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.CacheControl!.NoStore);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", css.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_the_cookie_is_secure_hsts_is_sent_and_the_client_address_is_the_forwarded_one()
    {
        var address = SecurityFixture.NewAddress();
        using var client = web.Client(address);
        var token = await SecurityFixture.AntiforgeryTokenAsync(client, "/sign-in");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = SecurityFixture.OfficerEmail,
                ["password"] = SecurityFixture.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Host = "digitaledu.example.vn";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("digitaledu=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);

        // Over plain HTTP neither: HSTS is only ever sent over HTTPS.
        using var plain = web.Client();
        var plainAnswer = await SecurityFixture.SignInAsync(plain, SecurityFixture.OfficerEmail, SecurityFixture.Password);
        Assert.DoesNotContain("secure", Assert.Single(plainAnswer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("digitaledu=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        Assert.False(plainAnswer.Headers.Contains("Strict-Transport-Security"));

        Assert.Contains(await AuditAsync($"action=sign_in&actor={SecurityFixture.OfficerEmail}"), e => e.GetProperty("clientAddress").GetString() == address);
    }

    [Fact]
    public async Task Readiness_shows_anonymous_callers_no_upstream_hosts_and_is_checked_at_most_once_per_few_seconds()
    {
        using var anonymous = web.Client();
        var body = await anonymous.GetStringAsync("/health/ready");
        using (var report = JsonDocument.Parse(body))
        {
            Assert.All(report.RootElement.GetProperty("checks").EnumerateArray(), check =>
            {
                Assert.Equal(JsonValueKind.Null, check.GetProperty("description").ValueKind);
                Assert.Equal(JsonValueKind.Null, check.GetProperty("data").ValueKind);
            });
        }

        foreach (var url in new[] { web.Simulators.SmsUrl, web.Simulators.ProvincialUrl, web.Simulators.NationalUrl })
        {
            Assert.DoesNotContain(url.Authority, body, StringComparison.Ordinal);
            Assert.DoesNotContain(url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        }

        // An operator sees what each check found.
        using var operatorSession = await web.SignedInAsync(SecurityFixture.OperatorEmail);
        Assert.Contains(web.Simulators.SmsUrl.Authority, await operatorSession.GetStringAsync("/health/ready"), StringComparison.Ordinal);

        // Thirty calls in a row reach each upstream at most twice (Health:CacheSeconds, 5 s, may turn once in between).
        var before = web.HeadRequests.ToDictionary(p => p.Key, p => p.Value);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => anonymous.GetAsync("/health/ready")));
        foreach (var source in new[] { UpstreamSource.Sms, UpstreamSource.Provincial, UpstreamSource.National })
        {
            Assert.InRange(web.HeadRequests.GetValueOrDefault(source) - before.GetValueOrDefault(source), 0, 2);
        }
    }
}
