using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.Infrastructure;

namespace DigitalEdu.Tests.Security;

/// <summary>Tokens: an owner, an expiry, commands to list and revoke them, revocation within seconds, and refused guesses that cost a counter only.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task A_token_from_create_token_names_its_owner_expires_and_stops_within_5_s_of_revoke_token()
    {
        var settings = web.App.Settings;
        var withoutOwner = await ServiceCommand.RunAsync(settings, "create-token", "--role", "officer");
        Assert.Equal(2, withoutOwner.ExitCode);
        Assert.Contains("--owner", withoutOwner.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, (await ServiceCommand.RunAsync(settings, "create-token", "--role", "officer", "--owner", "a@example.vn", "--days", "0")).ExitCode);

        var created = await ServiceCommand.RunAsync(settings, "create-token", "--role", "officer", "--owner", "Nguoi.Dung@Example.vn", "--name", "báo cáo tuần");
        Assert.True(created.ExitCode == 0, created.StandardError);
        var token = created.StandardOutput.Trim();
        Assert.Matches("^de_[0-9a-f]{64}$", token);
        var id = await web.OwnerScalarAsync("SELECT id FROM api_tokens WHERE owner = 'nguoi.dung@example.vn'");
        Assert.InRange(await web.OwnerScalarAsync("SELECT extract(day FROM expires_at - created_at)::bigint FROM api_tokens WHERE id = @id", ("id", id)), 89, 90);

        using var client = web.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var item = await OpenItemAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/mismatches/{item.Id}/candidates")).StatusCode);

        // The audit names the person and the token, not "officer token".
        var entry = (await AuditAsync("action=find_candidates&actor=nguoi.dung@example.vn"))[0];
        Assert.Equal("nguoi.dung@example.vn", entry.GetProperty("actor").GetString());
        Assert.Equal(id, entry.GetProperty("tokenId").GetInt64());

        var listed = await ServiceCommand.RunAsync(settings, "list-tokens");
        var line = Assert.Single(listed.StandardOutput.Split('\n'), l => l.StartsWith($"{id}\t", StringComparison.Ordinal));
        Assert.Contains("nguoi.dung@example.vn\tbáo cáo tuần\tofficer", line, StringComparison.Ordinal);
        Assert.EndsWith("active", line.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.StandardOutput, StringComparison.Ordinal);

        var revoked = await ServiceCommand.RunAsync(settings, "revoke-token", "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(revoked.ExitCode == 0, revoked.StandardError);
        var since = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/api/v1/sync-runs?limit=1")).StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(100);
            }
        }
        while (status != HttpStatusCode.Unauthorized && since.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("revoked", (await ServiceCommand.RunAsync(settings, "list-tokens")).StandardOutput.Split('\n').Single(l => l.StartsWith($"{id}\t", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.NotEmpty(await AuditAsync("action=token_revoked"));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var client = await web.ApiClientAsync(Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sync-runs?limit=1")).StatusCode);
        var hash = ApiTokens.Hash(client.DefaultRequestHeaders.Authorization!.Parameter!);
        await web.OwnerScalarAsync("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = @hash", ("hash", hash));

        var since = Stopwatch.StartNew();
        while ((await client.GetAsync("/api/v1/sync-runs?limit=1")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(since.Elapsed < TimeSpan.FromSeconds(5), "the expired token still worked after 5 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Guessed_tokens_cost_a_counter_not_a_log_line_and_an_address_that_keeps_guessing_is_refused_before_any_look_up()
    {
        var rejections = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "digitaledu.access.token_rejections")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (rejections)
            {
                var reason = tags.ToArray().Single(t => t.Key == AccessTelemetry.OutcomeTag).Value!.ToString()!;
                rejections[reason] = rejections.GetValueOrDefault(reason) + value;
            }
        });
        listener.Start();

        var linesBefore = web.Logs.Lines.Count;
        var address = SecurityFixture.NewAddress();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++)
        {
            using var guesser = web.Client(address);
            guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiTokens.NewToken());
            answers.Add(await guesser.GetAsync("/api/v1/mismatches?limit=1"));
        }

        // RateLimits:FailedTokensPerMinute is 20 here: twenty look-ups, then refusals that look nothing up.
        Assert.All(answers.Take(20), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Skip(20), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.NotNull(answers[^1].Headers.RetryAfter);
        lock (rejections)
        {
            Assert.Equal(20, rejections.GetValueOrDefault("unknown"));
            Assert.Equal(20, rejections.GetValueOrDefault("throttled"));
        }

        var newLines = web.Logs.Lines.Skip(linesBefore).ToList();
        Assert.DoesNotContain(newLines, l => l.Contains("ApiToken", StringComparison.Ordinal) || l.Contains("Bearer", StringComparison.OrdinalIgnoreCase)
            || l.Contains("not authenticated", StringComparison.Ordinal) || l.Contains("challenged", StringComparison.Ordinal));
        Assert.True(newLines.Count < 5, string.Join('\n', newLines));

        // A malformed token is refused without a look-up too, and the owner of a real token elsewhere is not held up.
        using var malformed = web.Client();
        malformed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "' OR 1=1 --");
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.GetAsync("/api/v1/mismatches?limit=1")).StatusCode);
        using var real = await web.ApiClientAsync(Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync("/api/v1/mismatches?limit=1")).StatusCode);
    }
}
