using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace ConnectMock.Hosting;

/// <summary>
/// Console output off the request path, in batches. <see cref="Emit"/> only queues the event (lock-free); one
/// background loop formats what has queued up and writes it to stdout through one buffer, so that a busy server makes
/// one write call per batch instead of one per line, and the loop wakes at most once per <see cref="BatchInterval"/>
/// under load. An idle sink writes the next event as soon as it comes.
/// </summary>
/// <remarks>
/// When <see cref="Capacity"/> events are waiting, newer ones are dropped rather than making requests wait; the
/// number dropped is then written as a warning line of its own, so that a gap in the log never goes unnoticed.
/// </remarks>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    public const int Capacity = 10_000;

    /// <summary>
    /// How long the loop lets events gather after it has written a batch. Short: queued events are objects that a
    /// collection in the meantime promotes; 20 ms let ~2,000 of them reach gen1 at full speed (3-5 gen2 collections
    /// per 50,000 requests, 1 with 5 ms), while 200 wake-ups a second cost nothing measurable.
    /// </summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(5);

    private static readonly MessageTemplate DroppedTemplate =
        new MessageTemplateParser().Parse("{DroppedEvents} log events were dropped: the console could not keep up");

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<LogEvent> _queue = Channel.CreateUnbounded<LogEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly Task _loop;
    private int _waiting;
    private long _dropped;

    public BufferedConsoleSink(ITextFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32 * 1024) { AutoFlush = false };
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Emit(LogEvent logEvent)
    {
        if (Interlocked.Increment(ref _waiting) > Capacity || !_queue.Writer.TryWrite(logEvent))
        {
            Interlocked.Decrement(ref _waiting);
            Interlocked.Increment(ref _dropped);
        }
    }

    public void Dispose()
    {
        if (_queue.Writer.TryComplete())
        {
            _loop.Wait(DrainTimeout);
        }
    }

    private async Task WriteLoopAsync()
    {
        var line = new StringWriter(new StringBuilder(1024), CultureInfo.InvariantCulture);
        long reported = 0;
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // A failed write (a full disk, a closed file) loses this batch, never the sink: Serilog's own sinks
            // report such errors through SelfLog and go on, and so does this one.
            try
            {
                while (_queue.Reader.TryRead(out var logEvent))
                {
                    Interlocked.Decrement(ref _waiting);
                    Write(logEvent, line);
                }

                var dropped = Dropped;
                if (dropped > reported)
                {
                    Write(DroppedWarning(dropped - reported), line);
                    reported = dropped;
                }

                await _output.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not write to the console: {0}", ex);
            }

            await Task.Delay(BatchInterval).ConfigureAwait(false);
        }

        try
        {
            await _output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not write to the console: {0}", ex);
        }
    }

    private void Write(LogEvent logEvent, StringWriter line)
    {
        // Each event is formatted whole before it reaches the buffer, so a formatter that fails cannot leave half a line.
        line.GetStringBuilder().Clear();
        try
        {
            _formatter.Format(logEvent, line);
        }
        catch (Exception ex)
        {
            Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not format an event: {0}", ex);
            return;
        }

        _output.Write(line.GetStringBuilder());
    }

    private static LogEvent DroppedWarning(long count) => new(
        DateTimeOffset.Now,
        LogEventLevel.Warning,
        null,
        DroppedTemplate,
        [new LogEventProperty("DroppedEvents", new ScalarValue(count))]);
}
