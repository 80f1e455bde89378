using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ConnectMock.Hosting;

/// <summary>
/// The level of ASP.NET Core hosting's diagnostics logger. Hosting starts an Activity and a logging scope for every
/// request (allocations and AsyncLocal changes: bench/RESULTS.md, "16. No per-request Activity, logging scope,
/// WebSocket feature or request copies") whenever that logger is enabled at any level: it asks
/// IsEnabled(Critical). At Warning and above the logger writes nothing per request, only at start (address warnings,
/// a startup exception). So it keeps its configured level until the app has started, then stops; configured at
/// Information or below (for ASP.NET Core's own request lines), it is left alone. Kestrel's scope per connection goes
/// with it (<see cref="CachingLoggerFactory"/>).
/// </summary>
internal sealed class RequestDiagnosticsLevel
{
    public const string Source = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private LoggingLevelSwitch? _level;

    public void Configure(LoggerConfiguration logger, LogEventLevel configured)
    {
        if (configured < LogEventLevel.Warning)
        {
            return;
        }

        _level = new LoggingLevelSwitch(configured);
        logger.MinimumLevel.Override(Source, _level);
    }

    /// <summary>Whether the per-request diagnostics are off: the app has started and they were configured at Warning or above.</summary>
    public bool Quiet { get; private set; }

    public void QuietOnceStarted()
    {
        if (_level is not null)
        {
            _level.MinimumLevel = LevelAlias.Off;
            Quiet = true;
        }
    }
}
