using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace DigitalEdu.Sync.Notifications;

/// <summary>
/// The <c>Notifications</c> section: where to tell operators that a run failed or a school's queue grew too long.
/// Each channel is off until configured. Validated here so every message names the key to fix.
/// </summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>An http(s) URL that receives a JSON POST per notification (Slack- and Teams-style incoming webhooks read its <c>text</c>).</summary>
    public string? WebhookUrl { get; set; }

    public SmtpNotificationOptions Smtp { get; set; } = new();

    /// <summary>Notify when a school has at least this many open items after a run; unset for never.</summary>
    public int? SchoolOpenItemsThreshold { get; set; }

    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    public bool MailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookEnabled && (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{Section}:WebhookUrl must be an absolute http or https URL.");
        }

        if (SchoolOpenItemsThreshold is < 1)
        {
            yield return new ValidationResult($"{Section}:SchoolOpenItemsThreshold must be 1 or more (or unset for no threshold).");
        }

        if (MailEnabled)
        {
            foreach (var error in Smtp.Errors())
            {
                yield return new ValidationResult(error);
            }
        }
    }
}

/// <summary>The <c>Notifications:Smtp</c> section; mail is sent only when <see cref="Host"/> is set.</summary>
public sealed class SmtpNotificationOptions
{
    private const string Section = NotificationOptions.Section + ":Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? From { get; set; }

    /// <summary>One or more addresses, separated by commas or semicolons.</summary>
    public string? To { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool EnableSsl { get; set; }

    public IReadOnlyList<string> Recipients =>
        (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal IEnumerable<string> Errors()
    {
        if (Port is < 1 or > 65535)
        {
            yield return $"{Section}:Port must be between 1 and 65535.";
        }

        if (!MailAddress.TryCreate(From, out _))
        {
            yield return $"{Section}:From must be an e-mail address when {Section}:Host is set.";
        }

        if (Recipients.Count == 0 || !Recipients.All(r => MailAddress.TryCreate(r, out _)))
        {
            yield return $"{Section}:To must be one or more e-mail addresses (comma-separated) when {Section}:Host is set.";
        }

        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return $"{Section}:Password is required when {Section}:UserName is set.";
        }
    }
}
