namespace DigitalEdu.Connectors.Configuration;

/// <summary>
/// The school-management system. The address and client id default to the local simulator's; the secret has no default, so a
/// deployment never runs on a value written in the code (the demo passes the simulator's, from ops/demo.env).
/// </summary>
public sealed class SmsOptions : OAuthUpstreamOptions
{
    public const string SectionName = "Upstreams:Sms";

    public SmsOptions()
    {
        BaseUrl = "http://127.0.0.1:5101";
        ClientId = "digitaledu";
        Scope = "sms.read";
    }

    protected override string Section => SectionName;
}
