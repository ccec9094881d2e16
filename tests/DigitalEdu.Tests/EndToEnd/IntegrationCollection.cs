namespace DigitalEdu.Tests.EndToEnd;

/// <summary>
/// Tests that host the service run one after another: Hangfire keeps its storage in a process-wide static, so two hosts
/// in one process at the same time would share it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "Service hosts";
}
