using System.Text.Json.Serialization;
using Refit;

namespace DigitalEdu.Connectors.Clients;

/// <summary>
/// The OAuth2 token endpoint the SMS and the national database share in shape. It runs on its own HTTP client,
/// outside the bearer handler, so fetching a token never needs a token.
/// </summary>
public interface IOAuthTokenApi
{
    [Post("/connect/token")]
    Task<TokenResponse> RequestTokenAsync(
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        CancellationToken cancellationToken);
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn)
{
    // The token itself never reaches a log line, even through a record's generated ToString.
    public override string ToString() => $"TokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
