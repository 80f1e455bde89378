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
}
