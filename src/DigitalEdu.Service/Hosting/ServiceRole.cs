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
    public const string Key = "Role";

    public static ServiceRole GetServiceRole(this IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return ServiceRole.Both;
        }

        return Enum.TryParse<ServiceRole>(value, ignoreCase: true, out var role)
            ? role
            : throw new Microsoft.Extensions.Options.OptionsValidationException(Key, typeof(ServiceRole),
                [$"{Key} must be web, worker or both, not '{value}'."]);
    }

    public static bool ServesWeb(this ServiceRole role) => role is ServiceRole.Both or ServiceRole.Web;

    public static bool RunsJobs(this ServiceRole role) => role is ServiceRole.Both or ServiceRole.Worker;
}
