using System.Diagnostics;

namespace ConnectMock.Aws;

/// <summary>
/// Opens the record of each call: an <c>x-amzn-RequestId</c> (a UUID, like AWS) on every response, success or
/// error, and for AWS operations a journal entry once the response is done.
/// </summary>
public sealed class AwsCallMiddleware(RequestDelegate next, IAwsCallRecorder recorder)
{
    public const string RequestIdHeader = "x-amzn-RequestId";

    public async Task InvokeAsync(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        var operation = metadata?.GetMetadata<AwsOperation>()?.Name;
        var service = metadata?.GetMetadata<AwsService>() ?? AwsService.Connect;
        if (metadata?.GetMetadata<AwsConstraintErrorMetadata>() is { } constraintError)
        {
            service = service with { ConstraintError = constraintError.ErrorCode };
        }

        var call = new AwsCallInfo(SecureRandom.NewGuid(), operation, service, Stopwatch.GetTimestamp());
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
}
