using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Tests.Observability;

/// <summary>A webhook receiver on loopback: a tiny Kestrel app that keeps the first JSON body posted to its path.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TaskCompletionSource<JsonDocument> received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, string path)
    {
        this.app = app;
        Path = path;
        app.MapPost(path, async (HttpRequest request) =>
        {
            received.TrySetResult(await JsonDocument.ParseAsync(request.Body));
            return Results.Ok();
        });
    }

    public string Path { get; }

    public Uri Url { get; private set; } = null!;

    public Task<JsonDocument> Received => received.Task;

    public static async Task<WebhookReceiver> StartAsync(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build(), path);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), path);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>An SMTP sink on loopback that speaks just enough SMTP to accept one message.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<SmtpMessage> received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SmtpSink()
    {
        listener.Start();
        _ = ServeAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public Task<SmtpMessage> Received => received.Task;

    public void Dispose() => listener.Stop();

    private async Task ServeAsync()
    {
        try
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 sink");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':') + 1)..].Trim();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':') + 1)..].Trim());
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.AppendLine(dataLine);
                        }

                        await writer.WriteLineAsync("250 OK queued");
                        received.TrySetResult(new SmtpMessage(from ?? "", to, data.ToString()));
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            received.TrySetException(ex);
        }
    }
}

public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data)
{
    /// <summary>The header block with folded lines joined again (RFC 5322 folds long headers onto indented lines).</summary>
    public string Headers => System.Text.RegularExpressions.Regex.Replace(Data.Split("\n\n")[0], @"\r?\n[ \t]+", " ");
}
