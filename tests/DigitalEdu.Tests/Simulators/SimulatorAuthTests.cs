using System.Net;
using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

public sealed class SimulatorAuthTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;
    private readonly UpstreamClient _client = fixture.Client;

    [Theory]
    [InlineData(UpstreamSource.Sms, "/api/v1/schools")]
    [InlineData(UpstreamSource.National, "/api/v1/provinces/22/schools")]
    public async Task OAuthListing_without_token_is_401_problem_and_with_token_is_200(UpstreamSource source, string path)
    {
        using var anonymous = await _client.Http.GetAsync(new Uri(_client.BaseUrl(source), path));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var authorised = await _client.GetAsync(source, path);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
    }

    [Fact]
    public async Task TokenEndpoint_with_wrong_secret_is_401()
    {
        using var response = await _client.Http.PostAsync(new Uri(_host.SmsUrl, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _host.Credentials.SmsClientId,
            ["client_secret"] = "wrong",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SmsToken_is_refused_by_national()
    {
        var smsToken = await _client.TokenAsync(UpstreamSource.Sms);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.NationalUrl, "/api/v1/provinces/22/schools"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", smsToken);
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProvincialListing_requires_api_key()
    {
        using var anonymous = await _client.Http.GetAsync(new Uri(_host.ProvincialUrl, "/api/v1/learners"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.ProvincialUrl, "/api/v1/learners"));
        wrongKey.Headers.Add("X-Api-Key", "nope");
        using var refused = await _client.Http.SendAsync(wrongKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var authorised = await _client.GetAsync(UpstreamSource.Provincial, "/api/v1/learners?limit=1");
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/learners?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/learners?limit=1001", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/learners?cursor=garbage", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/learners?schoolCode=99999999", HttpStatusCode.NotFound)]
    public async Task BadRequests_get_problem_responses(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(UpstreamSource.Provincial, path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NationalListing_of_unknown_province_is_404()
    {
        using var response = await _client.GetAsync(UpstreamSource.National, "/api/v1/provinces/01/students");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
