namespace DigitalEdu.Connectors.Configuration;

/// <summary>The national MOET education database (CSDL ngành). The client secret has no default, as for the SMS.</summary>
public sealed class NationalOptions : OAuthUpstreamOptions
{
    public const string SectionName = "Upstreams:National";

    public NationalOptions()
    {
        BaseUrl = "http://127.0.0.1:5103";
        ClientId = "digitaledu";
        Scope = "moet.read";
    }

    protected override string Section => SectionName;
}
