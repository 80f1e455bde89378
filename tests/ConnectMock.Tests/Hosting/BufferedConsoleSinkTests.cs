using System.Globalization;
using System.Text;
using ConnectMock.Hosting;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace ConnectMock.Tests.Hosting;

public sealed class BufferedConsoleSinkTests
{
    [Fact]
    public async Task AFailedWrite_LosesItsBatchButNotTheSink()
    {
        var output = new FailingOnceStream();
        var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter("{Message}{NewLine}", CultureInfo.InvariantCulture), output);

        sink.Emit(Event("first, lost with the failed write"));
        await WaitUntil(() => output.Failed);
        sink.Emit(Event("second"));
        sink.Dispose();

        Assert.Equal("\"second\"" + Environment.NewLine, output.Text);
    }

    [Fact]
    public void LinesFromManyThreads_AllArriveWhole_InEachThreadsOrder()
    {
        var output = new MemoryStream();
        var sink = LiteralLines(output);

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 5000; i++)
            {
                sink.Emit(Event($"{thread} {i} héllo"));
            }
        });
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_000, lines.Length);
        Assert.Equal(0, sink.Dropped);
        foreach (var thread in Enumerable.Range(0, 4))
        {
            var mine = lines.Where(line => line.StartsWith($"{thread} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"{thread} {i} héllo"), mine);
        }
    }

    [Fact]
    public void LongLinesOfCharactersBeyondTheBasicPlane_ArriveUnchanged()
    {
        // A thread's first line past 512 characters spans two chunks of its writer; an odd prefix puts the split
        // between the two halves of an emoji. Each line on its own thread, so each is some thread's first.
        var output = new MemoryStream();
        var sink = LiteralLines(output);
        List<int> prefixes = [1, 3, 101];
        var lines = prefixes.Select(prefix => new string('a', prefix) + string.Concat(Enumerable.Repeat("😀", 400))).ToList();

        foreach (var line in lines)
        {
            var thread = new Thread(() => sink.Emit(Event(line)));
            thread.Start();
            thread.Join();
        }

        sink.Dispose();

        Assert.Equal(lines, Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TextFormat_ClientControlledText_IsEscapedOnItsLine()
    {
        var output = new MemoryStream();
        var sink = new BufferedConsoleSink(new EscapingTextFormatter(new MessageTemplateTextFormatter("{Message:lj}{NewLine}", CultureInfo.InvariantCulture)), output);
        LogEventProperty[] properties =
        [
            new("Path", new ScalarValue("/a\ud800b\\c\u2029d\ud83d\ude00")),
            new("Header", new ScalarValue(new StringBuilder("x\u001b]0;title\u0007"))),
            new("Members", new SequenceValue([new ScalarValue("ok"), new ScalarValue("e\u0085f")])),
        ];

        // A clean line first: the template found clean then must not let the next, unclean, template through.
        sink.Emit(Event("clean \ud83d\ude00"));
        sink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Warning, null, new MessageTemplateParser().Parse("Bad {Path} {Header} {Members}\r\nforged"), properties));
        sink.Emit(Event("clean \ud83d\ude00"));
        sink.Dispose();

        Assert.Equal(
            // A pair stays whole; within JSON-rendered structures the escape's backslash is JSON-escaped in turn.
            ["clean \ud83d\ude00", @"Bad /a\ud800b\\c\u2029d" + "\ud83d\ude00" + @" x\u001b]0;title\u0007 [""ok"",""e\\u0085f""]\r\nforged", "clean \ud83d\ude00"],
            Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void JsonFormat_CharactersJsonAllowsRaw_AreEscapedToo()
    {
        var output = new MemoryStream();
        var sink = new BufferedConsoleSink(new EscapingJsonFormatter(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter()), output);
        var token = "a\nb\u009b2J\u2028c\u202ed\u007f\ud83d\ude00";

        sink.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Information, null, new MessageTemplateParser().Parse("{ClientToken}"), [new("ClientToken", new ScalarValue(token)), new("Lone", new ScalarValue("\ud800"))]));
        sink.Dispose();

        var line = Assert.Single(Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u202e');
        Assert.Contains(@"""Lone"":""\ud800""", line, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(token, json.RootElement.GetProperty("ClientToken").GetString());
    }

    [Fact]
    public void Escaping_ACleanRequestLine_AllocatesNothingMoreThanFormattingIt()
    {
        // The request log is a measured hot path: text that needs no escape is checked, never copied. Each request
        // logs an event of its own, with a dictionary of its own, so each measured call gets a fresh event too.
        var template = new MessageTemplateParser().Parse(RequestLogging.MessageTemplateText);
        LogEvent RequestLine() => new(
            DateTimeOffset.Now,
            LogEventLevel.Information,
            null,
            template,
            [
                new("Operation", new ScalarValue("StartChatContact")),
                new("RequestId", new ScalarValue("6a1f1d1e-7b4b-4c55-9a2c-0d2a8f4c9b11")),
                new("ClientToken", new ScalarValue("a-clean-token \ud83d\ude00")),
                new("ErrorName", new ScalarValue("-")),
                new("RequestMethod", new ScalarValue("PUT")),
                new("RequestPath", new ScalarValue("/contact/chat")),
                new("StatusCode", new ScalarValue(200)),
                new("Elapsed", new ScalarValue(0.25)),
            ]);
        var text = new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);
        var json = new Serilog.Formatting.Compact.RenderedCompactJsonFormatter();

        Assert.Equal(Allocated(text, RequestLine), Allocated(new EscapingTextFormatter(text), RequestLine));
        Assert.Equal(Allocated(json, RequestLine), Allocated(new EscapingJsonFormatter(json), RequestLine));
    }

    private static long Allocated(Serilog.Formatting.ITextFormatter formatter, Func<LogEvent> newEvent)
    {
        var output = new StringWriter(new StringBuilder(4096), CultureInfo.InvariantCulture);
        formatter.Format(newEvent(), output); // first use: caches, thread-static writers
        output.GetStringBuilder().Clear();
        var logEvent = newEvent();
        var before = GC.GetAllocatedBytesForCurrentThread();
        formatter.Format(logEvent, output);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public async Task AConsoleThatCannotKeepUp_DropsWholeLines_AndSaysHowMany()
    {
        var output = new GatedStream();
        var sink = LiteralLines(output);
        sink.Emit(Event("first"));
        await WaitUntil(() => output.Waiting);

        var line = new string('x', 1000);
        for (var i = 0; i < 3000; i++)
        {
            sink.Emit(Event(line));
        }

        output.Open();
        sink.Dispose();

        var lines = output.Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(sink.Dropped, 900, 1000); // 2 MB hold ~2,090 of these lines
        Assert.Equal(1 + 3000 - sink.Dropped, lines.Count(l => l == "first" || l == line));
        Assert.Contains($"{sink.Dropped} log events were dropped: the console could not keep up", lines);
    }

    /// <summary>A sink writing each event's text as it is, one per line.</summary>
    private static BufferedConsoleSink LiteralLines(Stream output) =>
        new(new MessageTemplateTextFormatter("{Message:l}{NewLine}", CultureInfo.InvariantCulture), output);

    private static LogEvent Event(string text) => new(
        DateTimeOffset.Now, LogEventLevel.Information, null, new MessageTemplateParser().Parse("{Text}"), [new("Text", new ScalarValue(text))]);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>A stdout whose first write fails, as a full disk would make it.</summary>
    private sealed class FailingOnceStream : MemoryStream
    {
        private int _writes;

        public bool Failed => Volatile.Read(ref _writes) > 0;

        public string Text => Encoding.UTF8.GetString(ToArray());

        // MemoryStream's span and async writes come back here for a derived type.
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }
    }

    /// <summary>A stdout whose writes wait until it is opened, as a stalled pipe would make them.</summary>
    private sealed class GatedStream : MemoryStream
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public bool Waiting => Volatile.Read(ref _waiting) > 0;

        public string Text => Encoding.UTF8.GetString(ToArray());

        public void Open() => _open.SetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _waiting);
            await _open.Task;
            Write(buffer.Span);
        }
    }
}
