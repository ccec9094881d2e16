using System.ComponentModel.DataAnnotations;

namespace DigitalEdu.Service.Access;

/// <summary>The <c>Access</c> section: how long a browser session lasts and how wrong passwords lock an account.</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string Section = "Access";

    /// <summary>A session nobody used for this long ends (ASVS 3.3.2 asks for an idle limit).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Access:SessionIdleTimeout must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active: a stolen cookie does not live for ever.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Access:SessionAbsoluteTimeout must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan SessionAbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    [Range(1, 100, ErrorMessage = "Access:LockoutThreshold must be between 1 and 100.")]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The first lockout; each further one in a row lasts twice as long, up to <see cref="LongestLockout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Access:FirstLockout must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Access:LongestLockout must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan LongestLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The lockout after <paramref name="lockoutsInARow"/> lockouts without a successful sign-in between (1 for the first).</summary>
    public TimeSpan LockoutAfter(int lockoutsInARow) =>
        TimeSpan.FromTicks((long)Math.Min(LongestLockout.Ticks, FirstLockout.Ticks * Math.Pow(2, Math.Clamp(lockoutsInARow - 1, 0, 40))));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionIdleTimeout > SessionAbsoluteTimeout)
        {
            yield return new ValidationResult("Access:SessionIdleTimeout must not be longer than Access:SessionAbsoluteTimeout.", [nameof(SessionIdleTimeout)]);
        }

        if (LongestLockout < FirstLockout)
        {
            yield return new ValidationResult("Access:LongestLockout must not be shorter than Access:FirstLockout.", [nameof(LongestLockout)]);
        }
    }
}
