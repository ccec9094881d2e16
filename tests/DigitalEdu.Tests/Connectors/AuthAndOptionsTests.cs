using System.Net;
using System.Text;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Auth;
using DigitalEdu.Connectors.Configuration;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Tests.Connectors;

public sealed class AuthAndOptionsTests
{
    private const string Page = """{"items": [], "nextCursor": null, "asOf": "2026-11-20T01:02:03Z"}""";

    [Fact]
    public async Task OAuth_handler_on_401_renews_token_once_and_retries_once()
    {
        var upstream = new FakeOAuthUpstream { RejectNextCalls = 1 };
        var reader = Build(upstream);

        var page = await reader.ReadPageAsync(Dataset.SmsStudents, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None);

        Assert.Equal(0, page.ReceivedCount);
        Assert.Equal(2, upstream.TokenRequests);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], upstream.AuthorizationHeaders);
    }

    [Fact]
    public async Task OAuth_handler_caches_token_across_calls()
    {
        var upstream = new FakeOAuthUpstream();
        var reader = Build(upstream);
        var request = new PageRequest("22", "22000123", null, null, 500);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => reader.ReadPageAsync(Dataset.SmsStaff, request, CancellationToken.None)));
        await reader.ReadPageAsync(Dataset.NationalStudents, request, CancellationToken.None);

        // One token per OAuth upstream (SMS, national), shared by every concurrent call.
        Assert.Equal(2, upstream.TokenRequests);
        Assert.Equal(6, upstream.AuthorizationHeaders.Count);
        Assert.Contains("client_secret=sms-secret", upstream.TokenForms[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuth_handler_second_401_goes_back_to_the_caller()
    {
        var upstream = new FakeOAuthUpstream { RejectNextCalls = 2 };
        var reader = Build(upstream);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            reader.ReadPageAsync(Dataset.SmsStudents, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(Source.Sms, ex.Upstream);
        Assert.Contains("token expired", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, upstream.TokenRequests);
    }

    [Fact]
    public async Task ApiKey_handler_adds_the_header()
    {
        var upstream = new FakeOAuthUpstream();
        var reader = Build(upstream);

        await reader.ReadPageAsync(Dataset.ProvincialLearners, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None);

        Assert.Equal(["prov-key"], upstream.ApiKeys);
        Assert.Equal(0, upstream.TokenRequests);
    }

    [Fact]
    public async Task ReadPage_body_that_is_not_json_is_an_upstream_exception()
    {
        var upstream = new FakeOAuthUpstream { PageBody = "<html>gateway</html>" };
        var reader = Build(upstream);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            reader.ReadPageAsync(Dataset.ProvincialStaff, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None));

        Assert.Equal(Source.Provincial, ex.Upstream);
    }

    [Theory]
    [InlineData("""{"items": {}, "asOf": "2026-11-20T01:02:03Z"}""", "not JSON of the expected shape")]
    [InlineData("""{"items": [], "nextCursor": 7, "asOf": "2026-11-20T01:02:03Z"}""", "not JSON of the expected shape")]
    [InlineData("""{"items": [], "asOf": "soon"}""", "not JSON of the expected shape")]
    [InlineData("""{"asOf": "2026-11-20T01:02:03Z"}""", "not a page (no items array)")]
    [InlineData("""{"items": null, "asOf": "2026-11-20T01:02:03Z"}""", "not a page (no items array)")]
    [InlineData("""{"items": []}""", "not a page (no asOf)")]
    [InlineData("""null""", "not a page (no items array)")]
    public async Task ReadPage_body_that_is_not_a_page_is_an_upstream_exception(string body, string message)
    {
        var upstream = new FakeOAuthUpstream { PageBody = body };
        var reader = Build(upstream);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            reader.ReadPageAsync(Dataset.NationalStudents, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None));

        Assert.Equal(Source.National, ex.Upstream);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_maps_every_item_of_the_page()
    {
        var upstream = new FakeOAuthUpstream
        {
            PageBody = $$"""
                {"items": [{{SmsRecordMapperTests.Student}}, {"studentId": "S-2"}, 42, {"moetCode": "2200184299"}],
                 "nextCursor": "c-2", "asOf": "2026-11-20T01:02:03Z"}
                """,
        };
        var reader = Build(upstream);

        var page = await reader.ReadPageAsync(Dataset.SmsStudents, new PageRequest("22", "22000123", null, null, 500), CancellationToken.None);

        Assert.Equal(4, page.ReceivedCount);
        // A record with its key is kept, whatever else it lacks; one without is quarantined, with a placeholder when attributable.
        Assert.Equal(["S-0001842", "S-2"], page.Persons.Select(p => p.SourceKey));
        Assert.Equal("22000123", page.Persons[1].SchoolCode);
        Assert.Equal(
            ["dateOfBirth", "fullName", "gender", "grade", "schoolCode", "status", "updatedAt"],
            page.Persons[1].Unreadable!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, page.Quarantined.Count);
        Assert.Equal(1, page.Placeholders);
        Assert.Equal("quarantined:moet:2200184299", page.Quarantined[1].Placeholder?.SourceKey);
        Assert.Equal("c-2", page.NextCursor);
    }

    [Theory]
    [InlineData("Upstreams:Sms:BaseUrl", "", "Upstreams:Sms:BaseUrl is required")]
    [InlineData("Upstreams:Sms:BaseUrl", "not a url", "Upstreams:Sms:BaseUrl must be an absolute")]
    [InlineData("Upstreams:Provincial:BaseUrl", "/relative", "Upstreams:Provincial:BaseUrl must be an absolute")]
    [InlineData("Upstreams:Provincial:ApiKey", "", "Upstreams:Provincial:ApiKey is required")]
    [InlineData("Upstreams:National:ClientSecret", "", "Upstreams:National:ClientSecret is required")]
    [InlineData("Upstreams:Sms:Resilience:MaxRetryAttempts", "0", "Upstreams:Sms:Resilience:MaxRetryAttempts")]
    public void Options_validation_failure_names_the_key(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Secrets) { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddUpstreams(configuration).BuildServiceProvider();

        var ex = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.IsType<OptionsValidationException>(ex is AggregateException aggregate ? aggregate.InnerExceptions[0] : ex);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_defaults_point_at_the_local_simulators_and_hold_no_secret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Secrets).Build();
        using var provider = new ServiceCollection().AddLogging().AddUpstreams(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var sms = provider.GetRequiredService<IOptions<SmsOptions>>().Value;
        Assert.Equal("http://127.0.0.1:5101", sms.BaseUrl);
        Assert.Equal("sms.read", sms.Scope);
        Assert.Equal("http://127.0.0.1:5102", provider.GetRequiredService<IOptions<ProvincialOptions>>().Value.BaseUrl);

        // Without the secrets in the configuration the service does not start, and says which keys to set.
        using var bare = new ServiceCollection().AddLogging().AddUpstreams(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var ex = Record.Exception(() => bare.GetRequiredService<IStartupValidator>().Validate());
        var messages = string.Join("\n", (ex as AggregateException)?.InnerExceptions.Select(e => e.Message) ?? [ex!.Message]);
        Assert.Contains("Upstreams:Sms:ClientSecret is required", messages, StringComparison.Ordinal);
        Assert.Contains("Upstreams:National:ClientSecret is required", messages, StringComparison.Ordinal);
        Assert.Contains("Upstreams:Provincial:ApiKey is required", messages, StringComparison.Ordinal);
        Assert.Equal("", new SmsOptions().ClientSecret);
        Assert.Equal("", new NationalOptions().ClientSecret);
        Assert.Equal("", new ProvincialOptions().ApiKey);
    }

    [Fact]
    public void Credentials_and_token_never_print_their_secret()
    {
        Assert.DoesNotContain("sms-secret", new OAuthClientCredentials("digitaledu", "sms-secret", "sms.read").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc", new DigitalEdu.Connectors.Clients.TokenResponse("abc", "Bearer", 60).ToString(), StringComparison.Ordinal);
    }

    /// <summary>The simulators' credentials, which the fake upstream below accepts: the service has none built in.</summary>
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["Upstreams:Sms:ClientSecret"] = "sms-secret",
        ["Upstreams:National:ClientSecret"] = "moet-secret",
        ["Upstreams:Provincial:ApiKey"] = "prov-key",
    };

    private static IUpstreamPageReader Build(FakeOAuthUpstream upstream)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Secrets).Build();
        var services = new ServiceCollection().AddLogging().AddUpstreams(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = upstream));
        return services.BuildServiceProvider().GetRequiredService<IUpstreamPageReader>();
    }

    /// <summary>Stands in for all three upstreams: a token endpoint that numbers its tokens, and pages that may answer 401.</summary>
    private sealed class FakeOAuthUpstream : HttpMessageHandler
    {
        private int tokenCount;

        public int RejectNextCalls { get; set; }

        public string PageBody { get; set; } = Page;

        public int TokenRequests => tokenCount;

        public List<string> TokenForms { get; } = [];

        public List<string> AuthorizationHeaders { get; } = [];

        public List<string> ApiKeys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/connect/token")
            {
                var form = await request.Content!.ReadAsStringAsync(cancellationToken);
                var n = Interlocked.Increment(ref tokenCount);
                lock (TokenForms)
                {
                    TokenForms.Add(form);
                }

                // Slow enough that concurrent callers would each fetch one if they were not sharing.
                await Task.Delay(50, cancellationToken);
                return Json(request, HttpStatusCode.OK, $$"""{"access_token": "token-{{n}}", "token_type": "Bearer", "expires_in": 3600}""");
            }

            lock (AuthorizationHeaders)
            {
                if (request.Headers.Authorization is { } auth)
                {
                    AuthorizationHeaders.Add(auth.ToString());
                }

                if (request.Headers.TryGetValues(ApiKeyHandler.HeaderName, out var keys))
                {
                    ApiKeys.AddRange(keys);
                }

                if (RejectNextCalls > 0)
                {
                    RejectNextCalls--;
                    var problem = Json(request, HttpStatusCode.Unauthorized, """{"status": 401, "title": "Unauthorized", "detail": "token expired"}""");
                    problem.Content.Headers.ContentType = new("application/problem+json");
                    return problem;
                }
            }

            return Json(request, HttpStatusCode.OK, PageBody);
        }

        private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, string body) =>
            new(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
