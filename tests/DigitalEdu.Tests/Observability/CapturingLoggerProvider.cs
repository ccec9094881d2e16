using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Tests.Observability;

/// <summary>
/// Keeps every log line the host writes, as an operator's log pipeline would see it: the formatted message, each
/// structured state value, each scope's values, and the exception.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            AppendValues(line, state);
            provider.scopes.ForEachScope((scope, builder) => AppendValues(builder.Append(" | scope"), scope), line);
            if (exception is not null)
            {
                line.Append(" | ").Append(exception);
            }

            provider.lines.Enqueue(line.ToString());
        }

        private static void AppendValues(StringBuilder line, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value is string or null ? value : Render(value));
                }
            }
            else if (state is not null)
            {
                line.Append(" | ").Append(state);
            }
        }

        private static string? Render(object value) =>
            value is System.Collections.IEnumerable items && value is not string
                ? string.Join(",", items.Cast<object?>())
                : value.ToString();
    }
}
