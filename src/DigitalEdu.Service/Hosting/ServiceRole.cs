namespace DigitalEdu.Service.Hosting;

/// <summary>What this process does: serve the web and API, work on jobs, or both (the default for a single machine).</summary>
public enum ServiceRole
{
    Both,
    Web,
    Worker,
}

public static class ServiceRoleConfiguration
{
    public const string Key = RoleOptions.Key;

    /// <summary>The role, validated now: it decides what the host registers (<see cref="RoleOptions"/>).</summary>
    public static ServiceRole GetServiceRole(this IConfiguration configuration) => configuration.ValidatedNow<RoleOptions>("").Parsed;

    public static bool ServesWeb(this ServiceRole role) => role is ServiceRole.Both or ServiceRole.Web;

    public static bool RunsJobs(this ServiceRole role) => role is ServiceRole.Both or ServiceRole.Worker;
}
