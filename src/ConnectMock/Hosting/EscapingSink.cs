using Serilog.Core;
using Serilog.Events;

namespace ConnectMock.Hosting;

/// <summary>A sink fed events with client-controlled text escaped: Serilog's console sink, which colours the text format itself.</summary>
internal sealed class EscapingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(LogEscaping.ForText(logEvent));

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
