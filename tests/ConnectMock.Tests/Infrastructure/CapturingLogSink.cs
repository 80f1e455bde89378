using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>Keeps the log events the app writes, for tests that assert what is logged.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    /// <summary>The request-completion events of the request logging middleware.</summary>
    public IReadOnlyList<LogEvent> RequestEvents => [.. Events.Where(e => e.Properties.ContainsKey("StatusCode") && e.Properties.ContainsKey("Elapsed"))];

    /// <summary>Waits for the request log line: it is written after the response has gone out.</summary>
    public async Task<LogEvent> WaitForRequestEventAsync(string requestId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var match = RequestEvents.FirstOrDefault(e => e.Properties.TryGetValue("RequestId", out var id) && id.ToString() == $"\"{requestId}\"");
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"No request log event for request {requestId}.");
    }
}
