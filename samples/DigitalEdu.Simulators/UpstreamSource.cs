namespace DigitalEdu.Simulators;

/// <summary>The three simulated upstream systems, one listener each.</summary>
public enum UpstreamSource
{
    Sms,
    Provincial,
    National,
}
