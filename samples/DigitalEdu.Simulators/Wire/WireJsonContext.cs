using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalEdu.Simulators.Truth;

namespace DigitalEdu.Simulators.Wire;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SmsSchool[]))]
[JsonSerializable(typeof(Scenarios.TurnoverTruth))]
[JsonSerializable(typeof(SmsStudent))]
[JsonSerializable(typeof(SmsStaff))]
[JsonSerializable(typeof(SmsHealthExam))]
[JsonSerializable(typeof(ProvincialLearner))]
[JsonSerializable(typeof(ProvincialStaff))]
[JsonSerializable(typeof(NationalSchool[]))]
[JsonSerializable(typeof(NationalStudent))]
[JsonSerializable(typeof(NationalStaff))]
[JsonSerializable(typeof(GroundTruth))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Vietnamese text goes out as UTF-8, not as \u escapes, as the real systems send it; NFD noise must survive byte for byte.
    /// </summary>
    public static WireJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
