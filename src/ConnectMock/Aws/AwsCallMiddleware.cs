using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConnectMock.Aws;

/// <summary>
/// Opens the record of each call: an <c>x-amzn-RequestId</c> (a UUID, like AWS) on every response, success or
/// error, and for AWS operations a journal entry once the response is done. A browser's CORS preflight is no call
/// of an operation: it is neither journaled nor given to faults, so that a widget's call counts once.
/// </summary>
internal sealed class AwsCallMiddleware(RequestDelegate next, IAwsCallRecorder recorder)
{
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>Serves a path that only ASP.NET Core's lenient routing matched: the AWS error for an unknown operation.</summary>
    private static readonly Endpoint Unknown = new(
        static http => throw AwsErrors.UnknownOperation(http.Request.Method, http.Request.Path),
        new EndpointMetadataCollection(new AwsOperation("Unknown")),
        "Unknown");

    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var metadata = endpoint?.Metadata;

        // Routing gives a preflight the endpoint of the operation it asks about; the CORS middleware answers it.
        var operation = IsCorsPreflight(http.Request) ? null : metadata?.GetMetadata<AwsOperation>()?.Name;
        if (operation is not null && endpoint is RouteEndpoint route && !MatchesExactly(route.RoutePattern, http.Request.Path))
        {
            http.SetEndpoint(Unknown);
            metadata = Unknown.Metadata;
            operation = metadata.GetMetadata<AwsOperation>()!.Name;
        }

        var service = metadata?.GetMetadata<AwsService>() ?? AwsService.Connect;
        if (metadata?.GetMetadata<AwsConstraintErrorMetadata>() is { } constraintError)
        {
            service = service with { ConstraintError = constraintError.ErrorCode };
        }

        var call = new AwsCallInfo(RequestIds.New(), operation, service, Stopwatch.GetTimestamp());
        http.Features.Set(call);

        // Set when the headers go out: the exception handler clears headers that were set earlier.
        http.Response.OnStarting(static state =>
        {
            var (response, requestId) = ((HttpResponse, string))state;
            response.Headers[RequestIdHeader] = requestId;
            return Task.CompletedTask;
        }, (http.Response, call.RequestId));

        try
        {
            await next(http);
        }
        finally
        {
            if (operation is not null)
            {
                recorder.Record(http, call, Stopwatch.GetElapsedTime(call.StartTimestamp).TotalMilliseconds);
            }

            call.ReleaseBody();
        }
    }

    /// <summary>A preflight as the CORS middleware tells one: OPTIONS with an Origin and an Access-Control-Request-Method.</summary>
    internal static bool IsCorsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey(HeaderNames.Origin)
        && !StringValues.IsNullOrEmpty(request.Headers.AccessControlRequestMethod);

    /// <summary>
    /// ASP.NET Core routing ignores case and a trailing slash; AWS's does not (smithy-rs matches the literal segments
    /// with a case-sensitive regex and "trailing slashes at the end of URIs do matter"), so a client that sends
    /// <c>/CONTACT/CHAT</c> or <c>/contact/chat/</c> must fail here as it would against AWS.
    /// </summary>
    internal static bool MatchesExactly(RoutePattern pattern, PathString path)
    {
        var rest = path.Value.AsSpan();

        // Indexed: the interface's enumerator would be an allocation on every call.
        var segments = pattern.PathSegments;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (rest.IsEmpty || rest[0] != '/')
            {
                return false;
            }

            if (segment.Parts is [RoutePatternParameterPart { IsCatchAll: true }])
            {
                return true;
            }

            rest = rest[1..];
            var end = rest.IndexOf('/');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal
                && !text.Equals(literal.Content, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return rest.IsEmpty;
    }
}
