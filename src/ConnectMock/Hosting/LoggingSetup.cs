using System.Globalization;
using ConnectMock.Aws;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ConnectMock.Hosting;

/// <summary>Serilog: levels from configuration, console output in text or JSON through an asynchronous sink.</summary>
public static class LoggingSetup
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    private const string RequestTemplate =
        "{Operation} {RequestMethod} {RequestPath} responded {StatusCode} {ErrorName} in {Elapsed:0.000} ms (request {RequestId}, ClientToken {ClientToken})";

    public static void AddConnectMockLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration.GetSection(LoggingOptions.Section).Get<LoggingOptions>()?.Format ?? LogFormat.Text;
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext();

                // The console is slow; writing on a background thread keeps it off the request path. When the
                // buffer is full, events are dropped rather than making requests wait.
                logger.WriteTo.Async(
                    sink =>
                    {
                        if (format == LogFormat.Json)
                        {
                            sink.Console(new RenderedCompactJsonFormatter());
                        }
                        else
                        {
                            sink.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
                        }
                    },
                    bufferSize: 10_000,
                    blockWhenFull: false);
            },
            // Test hosts start several apps in one process; only the first may replace the static logger.
            preserveStaticLogger: builder.Environment.IsEnvironment("Testing"));
    }

    /// <summary>One log line per request, with the AWS call's request id, ClientToken and error name.</summary>
    public static void UseConnectMockRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The app's own logger, not the static Log.Logger that the middleware falls back to: test hosts keep
            // the static one, and a second app in one process must not write through the first one's sinks.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = RequestTemplate;
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                var call = AwsCallInfo.Of(http);
                diagnostics.Set("Operation", call?.Operation ?? http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "-");
                diagnostics.Set("RequestId", call?.RequestId ?? "-");
                diagnostics.Set("ClientToken", call?.ClientToken ?? "-");
                diagnostics.Set("ErrorName", call?.ErrorCode ?? "-");
            };
        });
}
