using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace ConnectMock.Hosting;

/// <summary>
/// Console output off the request path, in batches. <see cref="Emit"/> formats the event at once and appends its
/// UTF-8 bytes to a buffer; one background loop swaps the buffer for a second one and writes the full one to stdout,
/// so that a busy server makes one write call per batch instead of one per line, and the loop wakes at most once per
/// <see cref="BatchInterval"/> under load. An idle sink writes the next event as soon as it comes.
/// </summary>
/// <remarks>
/// Formatting in Emit costs the request the formatting (a few microseconds) but leaves no object behind: a queued
/// event (its properties, their dictionary) lived until the loop came round, long enough for a collection to promote
/// it, and those promotions were most of the gen1 collections under load. When <see cref="CapacityBytes"/> are
/// waiting, newer lines are dropped rather than making requests wait; the number dropped is then written as a warning
/// line of its own, so that a gap in the log never goes unnoticed.
/// </remarks>
internal sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    /// <summary>Bytes of formatted lines that may wait for the console: about 10,000 request lines.</summary>
    public const int CapacityBytes = 2 * 1024 * 1024;

    /// <summary>How long the loop lets lines gather after it has written a batch.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(5);

    private static readonly MessageTemplate DroppedTemplate =
        new MessageTemplateParser().Parse("{DroppedEvents} log events were dropped: the console could not keep up");

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static StringWriter? _threadLine;

    // A line longer than this leaves its thread's writer to the collector rather than keeping it.
    private const int MaxKeptLineChars = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly SemaphoreSlim _pendingSignal = new(0);
    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly Task _loop;
    private byte[] _pending = new byte[CapacityBytes];
    private byte[] _writing = new byte[CapacityBytes];
    private int _pendingLength;
    private bool _signalled;
    private bool _completed;
    private long _dropped;

    public BufferedConsoleSink(ITextFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = output;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Events dropped so far because the buffer was full (or one line alone was larger than it).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Emit(LogEvent logEvent)
    {
        // Each event is formatted whole before it reaches the buffer, so a formatter that fails cannot leave half a
        // line. The writer is taken from the thread while in use, so that a formatter that logs gets its own.
        var line = _threadLine ?? new StringWriter(new StringBuilder(512), CultureInfo.InvariantCulture);
        _threadLine = null;
        var text = line.GetStringBuilder().Clear();
        try
        {
            _formatter.Format(logEvent, line);
        }
        catch (Exception ex)
        {
            Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not format an event: {0}", ex);
            return;
        }
        finally
        {
            Return(line);
        }

        bool wake;
        lock (_gate)
        {
            if (_completed || !TryAppend(text))
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            wake = !_signalled;
            _signalled = true;
        }

        if (wake)
        {
            _pendingSignal.Release();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
        }

        _pendingSignal.Release();
        _loop.Wait(DrainTimeout);
    }

    /// <summary>A thread's writer goes back for its next event, unless one huge line has grown it.</summary>
    private static void Return(StringWriter line)
    {
        if (line.GetStringBuilder().Capacity <= MaxKeptLineChars)
        {
            _threadLine = line;
        }
    }

    /// <summary>Appends the line's UTF-8 bytes if they surely fit whole.</summary>
    private bool TryAppend(StringBuilder text)
    {
        var free = _pending.AsSpan(_pendingLength);
        if (Utf8.GetMaxByteCount(text.Length) > free.Length)
        {
            return false;
        }

        // One encoder across the builder's chunks: a chunk may end between the two halves of a surrogate pair.
        var length = 0;
        var left = text.Length;
        foreach (var chunk in text.GetChunks())
        {
            left -= chunk.Length;
            _encoder.Convert(chunk.Span, free[length..], flush: left == 0, out _, out var written, out _);
            length += written;
        }

        _pendingLength += length;
        return true;
    }

    private async Task WriteLoopAsync()
    {
        long reported = 0;
        while (true)
        {
            await _pendingSignal.WaitAsync().ConfigureAwait(false);
            int length;
            bool completed;
            lock (_gate)
            {
                (_pending, _writing) = (_writing, _pending);
                length = _pendingLength;
                _pendingLength = 0;
                _signalled = false;
                completed = _completed;
            }

            // A failed write (a full disk, a closed file) loses this batch, never the sink: Serilog's own sinks
            // report such errors through SelfLog and go on, and so does this one.
            try
            {
                await _output.WriteAsync(_writing.AsMemory(0, length)).ConfigureAwait(false);
                var dropped = Dropped;
                if (dropped > reported)
                {
                    await WriteDroppedWarningAsync(dropped - reported).ConfigureAwait(false);
                    reported = dropped;
                }

                await _output.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not write to the console: {0}", ex);
            }

            if (completed)
            {
                return;
            }

            await Task.Delay(BatchInterval).ConfigureAwait(false);
        }
    }

    private async Task WriteDroppedWarningAsync(long count)
    {
        var warning = new LogEvent(
            DateTimeOffset.Now,
            LogEventLevel.Warning,
            null,
            DroppedTemplate,
            [new LogEventProperty("DroppedEvents", new ScalarValue(count))]);
        var line = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            _formatter.Format(warning, line);
        }
        catch (Exception ex)
        {
            Serilog.Debugging.SelfLog.WriteLine("BufferedConsoleSink could not format an event: {0}", ex);
            return;
        }

        await _output.WriteAsync(Utf8.GetBytes(line.ToString())).ConfigureAwait(false);
    }
}
