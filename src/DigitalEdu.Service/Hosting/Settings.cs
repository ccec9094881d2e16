using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Service.Hosting;

/// <summary>
/// The one way settings are read: every section is an options class whose data annotations (and
/// <see cref="IValidatableObject"/> rules) say what is valid, bound and validated when the host starts, so a wrong value stops it
/// with a message naming the key. The few values the composition needs before the container exists (which role this process
/// plays) are read with <see cref="ValidatedNow{T}"/>, checked by the same annotations.
/// </summary>
public static class Settings
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>A section read and validated at once, as <see cref="AddSettings{T}"/> validates it at start.</summary>
    public static T ValidatedNow<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        var value = (section.Length == 0 ? configuration.Get<T>() : configuration.GetSection(section).Get<T>()) ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T), results.Select(r => r.ErrorMessage ?? section));
        }

        return value;
    }
}

/// <summary>The root <c>Role</c> setting: what this process does (<see cref="ServiceRole"/>).</summary>
public sealed class RoleOptions : IValidatableObject
{
    public const string Key = "Role";

    public string? Role { get; set; }

    public ServiceRole Parsed => string.IsNullOrWhiteSpace(Role) ? ServiceRole.Both : Enum.Parse<ServiceRole>(Role, ignoreCase: true);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Role) && (!Enum.TryParse<ServiceRole>(Role, ignoreCase: true, out var role) || !Enum.IsDefined(role)))
        {
            yield return new ValidationResult($"{Key} must be web, worker or both, not '{Role}'.", [nameof(Role)]);
        }
    }
}

/// <summary>The <c>Kestrel:Limits</c> section as the service reads it: the largest request body it accepts.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Kestrel:Limits";

    /// <summary>The API's bodies are small JSON documents; anything bigger is refused before it is read.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Kestrel:Limits:MaxRequestBodySize must be a positive number of bytes.")]
    public long MaxRequestBodySize { get; set; } = 64 * 1024;
}
