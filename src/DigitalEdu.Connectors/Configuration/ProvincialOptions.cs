namespace DigitalEdu.Connectors.Configuration;

/// <summary>The provincial education database (CSDL tỉnh), authenticated by an <c>X-Api-Key</c> header.</summary>
public sealed class ProvincialOptions : UpstreamOptions
{
    public const string SectionName = "Upstreams:Provincial";

    public ProvincialOptions()
    {
        BaseUrl = "http://127.0.0.1:5102";
    }

    /// <summary>No default: a deployment must say it (the demo passes the simulator's, from ops/demo.env).</summary>
    public string ApiKey { get; set; } = "";

    protected override string Section => SectionName;

    protected override IEnumerable<string> Errors() => base.Errors().Concat(Required(nameof(ApiKey), ApiKey));
}
