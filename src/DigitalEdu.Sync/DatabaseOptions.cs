using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace DigitalEdu.Sync;

/// <summary>
/// The <c>ConnectionStrings</c> section: <c>DigitalEdu</c>, the database everything is kept in as the service reaches it (its
/// role), and optionally <c>DigitalEduOwner</c>, the schema owner's connection that only the migrate command uses. With both,
/// the service's role gets no more than it needs: it cannot update or delete the audit log.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "ConnectionStrings";
    public const string Key = "ConnectionStrings:DigitalEdu";
    public const string OwnerKey = "ConnectionStrings:DigitalEduOwner";

    public string? DigitalEdu { get; set; }

    public string? DigitalEduOwner { get; set; }

    /// <summary>The role the service connects as, when the migrate command connects as another (the owner).</summary>
    public string? ServiceRole()
    {
        if (string.IsNullOrWhiteSpace(DigitalEduOwner))
        {
            return null;
        }

        var service = new NpgsqlConnectionStringBuilder(DigitalEdu).Username;
        return string.Equals(service, new NpgsqlConnectionStringBuilder(DigitalEduOwner).Username, StringComparison.Ordinal) ? null : service;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(DigitalEdu))
        {
            yield return new ValidationResult(
                $"{Key} is not set: give the PostgreSQL connection string (e.g. Host=127.0.0.1;Database=digitaledu;Username=postgres).", [nameof(DigitalEdu)]);
            yield break;
        }

        foreach (var (key, value, property) in new[] { (Key, DigitalEdu, nameof(DigitalEdu)), (OwnerKey, DigitalEduOwner, nameof(DigitalEduOwner)) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            string? error = null;
            try
            {
                var parsed = new NpgsqlConnectionStringBuilder(value);
                if (key == OwnerKey && !string.IsNullOrEmpty(parsed.Username) && !DatabaseMigrator.IsPlainRoleName(parsed.Username))
                {
                    error = "its Username must be a plain role name (letters, digits, underscores)";
                }
                else if (key == OwnerKey && !DatabaseMigrator.IsPlainRoleName(new NpgsqlConnectionStringBuilder(DigitalEdu).Username ?? ""))
                {
                    error = $"with it, {Key} must name the service's role as Username (letters, digits, underscores)";
                }
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return new ValidationResult($"{key} is not a valid PostgreSQL connection string: {error}", [property]);
            }
        }
    }
}
