using System.Collections.Concurrent;
using System.Diagnostics;
using ConnectMock.Aws;
using Microsoft.AspNetCore.Http.Features;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace ConnectMock.Hosting;

/// <summary>
/// One Serilog event per request, with the AWS call's request id, ClientToken and error name: the event that
/// Serilog.AspNetCore's request logging wrote, with the same properties, level rules and source context, built
/// directly (a parsed template, one property dictionary, cached values for what repeats) instead of through a
/// diagnostic context, so that it costs a request well under a kilobyte. The sinks do the rest off the request path.
/// </summary>
internal sealed class RequestLogging
{
    public const string MessageTemplateText =
        "{Operation} {RequestMethod} {RequestPath} responded {StatusCode} {ErrorName} in {Elapsed:0.000} ms (request {RequestId}, ClientToken {ClientToken})";

    /// <summary>The source context Serilog.AspNetCore's middleware logged under, kept so that level overrides and log queries still match.</summary>
    public const string SourceContext = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private const int MaxCachedValues = 512;

    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse(MessageTemplateText);
    private static readonly ScalarValue None = new("-");
    private static readonly ScalarValue[] StatusCodes = [.. Enumerable.Range(0, 600).Select(code => new ScalarValue(code))];
    private static readonly ConcurrentDictionary<string, ScalarValue> Names = new(StringComparer.Ordinal);

    private readonly RequestDelegate _next;
    private readonly Serilog.ILogger _logger;

    public RequestLogging(RequestDelegate next, Serilog.ILogger logger)
    {
        _next = next;
        _logger = logger.ForContext(Constants.SourceContextPropertyName, SourceContext);
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await _next(http);
        }
        catch (Exception ex) when (Completed(http, start, Microsoft.AspNetCore.Http.StatusCodes.Status500InternalServerError, ex))
        {
            // Never reached: Completed returns false, so that the exception goes on up as it would without logging.
        }

        Completed(http, start, http.Response.StatusCode, null);
    }

    private bool Completed(HttpContext http, long start, int statusCode, Exception? exception)
    {
        var level = exception is not null || statusCode >= 500 ? LogEventLevel.Error
            : http.Request.Path.StartsWithSegments(ConnectMockHosting.HealthPath) ? LogEventLevel.Verbose
            : LogEventLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return false;
        }

        var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var call = AwsCallInfo.Of(http);
        var operation = call?.Operation ?? http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;

        // In the order Serilog.AspNetCore added them (the diagnostic context's, then its own); an enricher that adds
        // more grows the dictionary, which is rare enough not to pay room for on every request.
        var properties = new Dictionary<string, LogEventPropertyValue>(8)
        {
            ["Operation"] = Name(operation),
            ["RequestId"] = call is null ? None : new ScalarValue(call.RequestId),
            ["ClientToken"] = call?.ClientToken is { } token ? new ScalarValue(token) : None,
            ["ErrorName"] = Name(call?.ErrorCode),
            ["RequestMethod"] = Name(http.Request.Method),
            ["RequestPath"] = new ScalarValue(PathOf(http)),
            ["StatusCode"] = (uint)statusCode < StatusCodes.Length ? StatusCodes[statusCode] : new ScalarValue(statusCode),
            ["Elapsed"] = new ScalarValue(elapsedMs),
        };
        var (traceId, spanId) = Activity.Current is { } activity ? (activity.TraceId, activity.SpanId) : default;
        _logger.Write(LogEvent.UnstableAssembleFromParts(DateTimeOffset.Now, level, exception, Template, properties, traceId, spanId));
        return false;
    }

    /// <summary>Operation, error and method names repeat from a small set: one value each, not one per request.</summary>
    private static ScalarValue Name(string? name)
    {
        if (name is null)
        {
            return None;
        }

        if (Names.TryGetValue(name, out var value))
        {
            return value;
        }

        value = new ScalarValue(name);
        return Names.Count < MaxCachedValues ? Names.GetOrAdd(name, value) : value;
    }

    private static string PathOf(HttpContext http)
    {
        var path = http.Features.Get<IHttpRequestFeature>()?.Path;
        return string.IsNullOrEmpty(path) ? http.Request.Path.ToString() : path;
    }
}
