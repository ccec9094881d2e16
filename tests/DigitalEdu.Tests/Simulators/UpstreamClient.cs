using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DigitalEdu.Simulators;

namespace DigitalEdu.Tests.Simulators;

/// <summary>A plain HTTP client for the three simulated upstreams: fetches tokens and walks keyset listings page by page.</summary>
public sealed class UpstreamClient(SimulatorHost host) : IDisposable
{
    private readonly HttpClient _http = new();
    private string? _smsToken;
    private string? _nationalToken;

    public HttpClient Http => _http;

    public async Task<string> TokenAsync(UpstreamSource source)
    {
        var credentials = host.Credentials;
        var (baseUrl, id, secret, scope) = source == UpstreamSource.Sms
            ? (host.SmsUrl, credentials.SmsClientId, credentials.SmsClientSecret, credentials.SmsScope)
            : (host.NationalUrl, credentials.NationalClientId, credentials.NationalClientSecret, credentials.NationalScope);
        using var response = await _http.PostAsync(new Uri(baseUrl, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>A GET with the credentials the source wants.</summary>
    public async Task<HttpResponseMessage> GetAsync(UpstreamSource source, string pathAndQuery)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl(source), pathAndQuery));
        switch (source)
        {
            case UpstreamSource.Sms:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _smsToken ??= await TokenAsync(source));
                break;
            case UpstreamSource.National:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _nationalToken ??= await TokenAsync(source));
                break;
            default:
                request.Headers.Add("X-Api-Key", host.Credentials.ProvincialApiKey);
                break;
        }

        return await _http.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(UpstreamSource source, string pathAndQuery)
    {
        using var response = await GetAsync(source, pathAndQuery);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Every item of a listing, following nextCursor to the end; <paramref name="pathAndQuery"/> must already hold a '?'.</summary>
    public async Task<List<JsonObject>> WalkAsync(UpstreamSource source, string pathAndQuery, int limit = 1000)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(source, $"{pathAndQuery}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return items;
    }

    public Uri BaseUrl(UpstreamSource source) => source switch
    {
        UpstreamSource.Sms => host.SmsUrl,
        UpstreamSource.Provincial => host.ProvincialUrl,
        _ => host.NationalUrl,
    };

    public void Dispose() => _http.Dispose();
}
