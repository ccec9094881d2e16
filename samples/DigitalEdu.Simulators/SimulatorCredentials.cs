namespace DigitalEdu.Simulators;

/// <summary>The credentials each simulated upstream accepts. Test values only; they guard nothing real.</summary>
public sealed record SimulatorCredentials
{
    public string SmsClientId { get; init; } = "digitaledu";

    public string SmsClientSecret { get; init; } = "sms-secret";

    public string SmsScope { get; init; } = "sms.read";

    public string NationalClientId { get; init; } = "digitaledu";

    public string NationalClientSecret { get; init; } = "moet-secret";

    public string NationalScope { get; init; } = "moet.read";

    public string ProvincialApiKey { get; init; } = "prov-key";
}
