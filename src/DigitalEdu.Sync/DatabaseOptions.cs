using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace DigitalEdu.Sync;

/// <summary>The <c>ConnectionStrings</c> section's <c>DigitalEdu</c> entry: the PostgreSQL database everything is kept in.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "ConnectionStrings";
    public const string Key = "ConnectionStrings:DigitalEdu";

    public string? DigitalEdu { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(DigitalEdu))
        {
            yield return new ValidationResult(
                $"{Key} is not set: give the PostgreSQL connection string (e.g. Host=127.0.0.1;Database=digitaledu;Username=postgres).", [nameof(DigitalEdu)]);
            yield break;
        }

        string? error = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(DigitalEdu);
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult($"{Key} is not a valid PostgreSQL connection string: {error}", [nameof(DigitalEdu)]);
        }
    }
}
