namespace DigitalEdu.Connectors.Configuration;

/// <summary>The school-management system. The defaults reach the local simulator, so a fresh checkout runs without configuration.</summary>
public sealed class SmsOptions : OAuthUpstreamOptions
{
    public const string SectionName = "Upstreams:Sms";

    public SmsOptions()
    {
        BaseUrl = "http://127.0.0.1:5101";
        ClientId = "digitaledu";
        ClientSecret = "sms-secret";
        Scope = "sms.read";
    }

    protected override string Section => SectionName;
}
