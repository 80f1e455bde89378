using System.Globalization;
using System.Text;
using Serilog.Events;
using Serilog.Formatting;

namespace ConnectMock.Hosting;

/// <summary>
/// JSON lines with what JSON itself allows raw escaped too: C1 controls, separators, bidirectional controls and lone
/// surrogates, as <c>\uXXXX</c>, which every JSON reader turns back into the same text. JSON's structure is ASCII, so
/// such a character is always inside a string, where an escape means the same. The formatter writes through a
/// per-thread writer that escapes as it forwards, so nothing is copied or allocated per event.
/// </summary>
internal sealed class EscapingJsonFormatter(ITextFormatter inner) : ITextFormatter
{
    [ThreadStatic]
    private static EscapingWriter? _writer;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        // Taken from the thread while in use, so that a formatter that logs gets its own.
        var writer = _writer ?? new EscapingWriter();
        _writer = null;
        writer.Target = output;
        try
        {
            inner.Format(logEvent, writer);
        }
        finally
        {
            writer.Target = TextWriter.Null;
            _writer = writer;
        }
    }

    private sealed class EscapingWriter() : TextWriter(CultureInfo.InvariantCulture)
    {
        public TextWriter Target { get; set; } = Null;

        public override Encoding Encoding => Target.Encoding;

        public override void Write(char value) => LogEscaping.Write(Target, new ReadOnlySpan<char>(in value), json: true);

        public override void Write(string? value) => LogEscaping.Write(Target, value, json: true);

        public override void Write(char[] buffer, int index, int count) => LogEscaping.Write(Target, buffer.AsSpan(index, count), json: true);

        public override void Write(ReadOnlySpan<char> buffer) => LogEscaping.Write(Target, buffer, json: true);

        // The line's own end, the one line break that is not escaped.
        public override void WriteLine() => Target.WriteLine();
    }
}
