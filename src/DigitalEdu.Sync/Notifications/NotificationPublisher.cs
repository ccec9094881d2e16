using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Drift;
using DigitalEdu.Sync.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalEdu.Sync.Notifications;

/// <summary>What a notification says. It names runs, schools, sources and counts, never a person.</summary>
public sealed record RunNotification(
    string Event,
    string Text,
    Guid RunId,
    string Status,
    string Mode,
    string? SchoolCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<FailedBatchNotice> FailedBatches,
    IReadOnlyList<SchoolOpenItems> SchoolsOverThreshold,
    int? SchoolOpenItemsThreshold,
    IReadOnlyList<DriftedCode> NewCodes);


public sealed record SchoolOpenItems(string SchoolCode, long OpenItems);

/// <summary>
/// Tells operators when a run ends failed or partially failed, leaves a school with more open items than the threshold, or
/// meets codes no list of DigitalEdu's had (code-list drift, seen for the first time):
/// a JSON POST to the webhook and an e-mail, each when configured. A notification that cannot be delivered is logged and
/// dropped; it never fails the job that ended the run.
/// </summary>
public sealed partial class NotificationPublisher(
    IOptions<NotificationOptions> options,
    IHttpClientFactory httpClients,
    NpgsqlDataSource dataSource,
    PullQueue queue,
    ILogger<NotificationPublisher> logger)
{
    public const string HttpClientName = "DigitalEdu.Notifications";


    private const int MaxListed = 50;

    public async Task RunEndedAsync(SyncRun run, IReadOnlyList<DriftedCode> newCodes, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.WebhookEnabled && !settings.MailEnabled)
        {
            return;
        }

        try
        {
            var failed = run.Status is SyncRunStatus.Failed or SyncRunStatus.PartiallyFailed;
            var crowded = settings.SchoolOpenItemsThreshold is { } threshold
                ? await SchoolsOverThresholdAsync(run.SchoolCode, threshold, cancellationToken)
                : [];
            if (!failed && crowded.Count == 0 && newCodes.Count == 0)
            {
                return;
            }

            var batches = failed ? await queue.FailedBatchesAsync(run.Id, MaxListed, cancellationToken) : [];
            var notification = Compose(run, failed, batches, crowded, settings.SchoolOpenItemsThreshold, newCodes);
            if (settings.WebhookEnabled)
            {
                await PostAsync(settings.WebhookUrl!, notification, cancellationToken);
            }

            if (settings.MailEnabled)
            {
                await MailAsync(settings.Smtp, notification, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            LogNotFigured(logger, run.Id, ex.GetType().Name);
        }
    }

    private static RunNotification Compose(
        SyncRun run, bool failed, IReadOnlyList<FailedBatchNotice> batches, IReadOnlyList<SchoolOpenItems> crowded, int? threshold,
        IReadOnlyList<DriftedCode> newCodes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"DigitalEdu run {run.Id} ({run.Mode}{(run.SchoolCode is null ? "" : $", school {run.SchoolCode}")}) ended {run.Status}.");
        if (run.Error is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" {run.Error}");
        }

        if (batches.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nFailed batches: {batches.Count}");
            foreach (var group in batches.GroupBy(b => (b.Source, b.UpstreamStatus)))
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"\n- {group.Key.Source}, upstream status {group.Key.UpstreamStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}: {group.Count()} batches, schools {string.Join(", ", group.Select(b => b.SchoolCode).Distinct().Take(10))}");
            }

            text.Append("\nRe-run them with POST /api/v1/batches/retry-failed once the upstream answers.");
        }

        if (crowded.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSchools with {threshold} or more open items: ");
            text.Append(string.Join(", ", crowded.Select(s => $"{s.SchoolCode} ({s.OpenItems})")));
        }

        if (newCodes.Count > 0)
        {
            text.Append("\nCodes DigitalEdu's lists lack, seen for the first time (kept as sent; add them to the code lists if they are right): ");
            text.Append(string.Join(", ", newCodes.Take(MaxListed).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Source} {c.Field} '{c.Code}' ({c.Records} records, e.g. {c.ExampleKey})"))));
        }

        return new RunNotification(
            failed ? "run_failed" : crowded.Count > 0 ? "open_items_threshold" : "code_drift",
            text.ToString(),
            run.Id,
            run.Status,
            run.Mode,
            run.SchoolCode,
            run.StartedAt,
            run.FinishedAt,
            run.Error,
            batches,
            crowded,
            threshold,
            newCodes);
    }

    private async Task PostAsync(string url, RunNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = JsonContent.Create(notification, options: JsonSerializerOptions.Web),
            };
            request.Options.Set(DigitalEdu.Connectors.Telemetry.HttpTracing.Untraced, true);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogWebhookFailed(logger, notification.RunId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                return;
            }

            LogNotified(logger, notification.RunId, notification.Event, "webhook");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The exception's message may quote the URL; the URL may hold the webhook's secret. The type says enough.
            LogWebhookFailed(logger, notification.RunId, ex.GetType().Name);
        }
    }

    private async Task MailAsync(SmtpNotificationOptions smtp, RunNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new MailMessage
            {
                From = new MailAddress(smtp.From!),
                Subject = $"DigitalEdu: run {notification.RunId} {notification.Status}" +
                          (notification.SchoolsOverThreshold.Count > 0 ? $", {notification.SchoolsOverThreshold.Count} schools over the open-item threshold" : ""),
                Body = notification.Text,
                BodyEncoding = Encoding.UTF8,
            };
            foreach (var recipient in smtp.Recipients)
            {
                message.To.Add(recipient);
            }

            using var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.EnableSsl,
                DeliveryMethod = SmtpDeliveryMethod.Network,
                Credentials = string.IsNullOrEmpty(smtp.UserName) ? null : new NetworkCredential(smtp.UserName, smtp.Password),
            };
            await client.SendMailAsync(message, cancellationToken);
            LogNotified(logger, notification.RunId, notification.Event, "mail");
        }
        catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException
                                       or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogMailFailed(logger, notification.RunId, ex.GetType().Name, (ex as SmtpException)?.StatusCode.ToString() ?? "");
        }
    }

    private async Task<IReadOnlyList<SchoolOpenItems>> SchoolsOverThresholdAsync(string? schoolCode, int threshold, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT school_code, count(*) FROM mismatches
             WHERE status = '{MismatchStatus.Open}' AND (@school::text IS NULL OR school_code = @school)
             GROUP BY school_code HAVING count(*) >= @threshold
             ORDER BY count(*) DESC, school_code LIMIT @limit
            """);
        command.Parameters.AddWithValue("school", (object?)schoolCode ?? DBNull.Value);
        command.Parameters.AddWithValue("threshold", (long)threshold);
        command.Parameters.AddWithValue("limit", MaxListed);
        var schools = new List<SchoolOpenItems>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schools.Add(new SchoolOpenItems(reader.GetString(0), reader.GetInt64(1)));
        }

        return schools;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: sent the {Event} notification by {Channel}")]
    private static partial void LogNotified(ILogger logger, Guid runId, string @event, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the webhook notification was not delivered ({Reason})")]
    private static partial void LogWebhookFailed(ILogger logger, Guid runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the e-mail notification was not delivered ({Reason} {SmtpStatus})")]
    private static partial void LogMailFailed(ILogger logger, Guid runId, string reason, string smtpStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the notification could not be put together ({Reason})")]
    private static partial void LogNotFigured(ILogger logger, Guid runId, string reason);
}
