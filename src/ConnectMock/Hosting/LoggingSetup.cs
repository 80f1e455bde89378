using System.Globalization;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace ConnectMock.Hosting;

/// <summary>Serilog: levels from configuration, console output in text or JSON through an asynchronous sink.</summary>
internal static class LoggingSetup
{
    public const string SerilogSection = "Serilog";

    private const string LevelsKey = "MinimumLevel";

    // Events that may wait for a terminal; about what BufferedConsoleSink holds for a file or a pipe.
    private const int TerminalBufferEvents = 10_000;

    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static void AddConnectMockLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration.GetSection(LoggingOptions.Section).Get<LoggingOptions>()?.Format ?? LogFormat.Text;
        var requestDiagnostics = new RequestDiagnosticsLevel();
        builder.Services.AddSingleton(requestDiagnostics);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Levels alone (the documented settings) are read directly: ReadFrom.Configuration scans assemblies for
                // sinks and enrichers at every start (bench/RESULTS.md, "6. Start time"). Anything else in the
                // section (WriteTo, Enrich, Properties, Filter) still gets Serilog's full reader, so no setting is
                // silently ignored.
                var serilog = builder.Configuration.GetSection(SerilogSection);
                if (serilog.GetChildren().All(setting => setting.Key == LevelsKey))
                {
                    ApplyLevels(logger, serilog.GetSection(LevelsKey), requestDiagnostics);
                }
                else
                {
                    // Checked first all the same: Serilog's reader fails on a bad level with a stack trace.
                    _ = ReadLevels(serilog.GetSection(LevelsKey));
                    logger.ReadFrom.Configuration(builder.Configuration);
                }

                logger.ReadFrom.Services(services).Enrich.FromLogContext();

                // Client-controlled text is escaped in both formats, so that a request cannot forge a line or send
                // escape sequences to a terminal (see LogEscaping).
                ITextFormatter formatter = format == LogFormat.Json
                    ? new EscapingJsonFormatter(new RenderedCompactJsonFormatter())
                    : new EscapingTextFormatter(new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture));
                if (Console.IsOutputRedirected)
                {
                    // Files, pipes and container logs: written in batches by a background loop (see BufferedConsoleSink).
                    logger.WriteTo.Sink(new BufferedConsoleSink(formatter, Console.OpenStandardOutput()));
                }
                else
                {
                    // A terminal, read by a person: Serilog's console sink, which colours the text format, on a
                    // background thread. When its buffer is full, events are dropped rather than making requests wait.
                    logger.WriteTo.Async(
                        sink =>
                        {
                            if (format == LogFormat.Json)
                            {
                                sink.Console(formatter);
                            }
                            else
                            {
                                sink.Sink(LoggerSinkConfiguration.Wrap(
                                    console => new EscapingSink(console),
                                    escaped => escaped.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture)));
                            }
                        },
                        bufferSize: TerminalBufferEvents,
                        blockWhenFull: false);
                }
            },
            // Test hosts start several apps in one process; only the first may replace the static logger.
            preserveStaticLogger: builder.Environment.IsEnvironment("Testing"));
        CachingLoggerFactory.Decorate(builder.Services);
    }

    private static void ApplyLevels(LoggerConfiguration logger, IConfigurationSection levels, RequestDiagnosticsLevel requestDiagnostics)
    {
        var (defaultLevel, overrides) = ReadLevels(levels);
        logger.MinimumLevel.Is(defaultLevel);
        foreach (var (source, level) in overrides)
        {
            logger.MinimumLevel.Override(source, level);
        }

        requestDiagnostics.Configure(logger, LevelOf(RequestDiagnosticsLevel.Source, overrides, defaultLevel));
    }

    /// <summary>The levels of Serilog's configuration section, with Serilog's rules and a clear error for a bad one.</summary>
    private static (LogEventLevel Default, Dictionary<string, LogEventLevel> Overrides) ReadLevels(IConfigurationSection levels)
    {
        // Serilog accepts both "MinimumLevel": "Debug" and "MinimumLevel": { "Default": "Debug" }.
        var defaultLevel = ParseLevel(levels.Path + ":Default", levels["Default"] ?? levels.Value) ?? LogEventLevel.Information;
        var overrides = new Dictionary<string, LogEventLevel>(StringComparer.Ordinal);
        foreach (var source in levels.GetSection("Override").GetChildren())
        {
            if (ParseLevel(source.Path, source.Value) is { } level)
            {
                overrides[source.Key] = level;
            }
        }

        return (defaultLevel, overrides);
    }

    /// <summary>The level Serilog gives a source: its longest configured prefix's, or the default.</summary>
    private static LogEventLevel LevelOf(string source, Dictionary<string, LogEventLevel> overrides, LogEventLevel defaultLevel) =>
        overrides
            .Where(o => source == o.Key || source.StartsWith(o.Key + ".", StringComparison.Ordinal))
            .OrderByDescending(o => o.Key.Length)
            .Select(o => (LogEventLevel?)o.Value)
            .FirstOrDefault() ?? defaultLevel;

    private static LogEventLevel? ParseLevel(string path, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) ? level
        : throw new OptionsValidationException(path, typeof(LogEventLevel),
            [$"{path} is '{value}'; expected one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}."]);

    /// <summary>
    /// One log line per request, with the AWS call's request id, ClientToken and error name. The app's own logger
    /// (from its services), not the static Log.Logger: test hosts keep the static one, and a second app in one
    /// process must not write through the first one's sinks.
    /// </summary>
    public static void UseConnectMockRequestLogging(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(app.Services.GetRequiredService<RequestDiagnosticsLevel>().QuietOnceStarted);
        app.UseMiddleware<RequestLogging>();
    }
}
