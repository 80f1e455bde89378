using Serilog.Events;
using Serilog.Formatting;

namespace ConnectMock.Hosting;

/// <summary>The text format with client-controlled text escaped (see <see cref="LogEscaping"/>).</summary>
internal sealed class EscapingTextFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output) => inner.Format(LogEscaping.ForText(logEvent), output);
}
