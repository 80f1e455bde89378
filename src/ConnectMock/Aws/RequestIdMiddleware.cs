namespace ConnectMock.Aws;

/// <summary>Gives every response an <c>x-amzn-RequestId</c> (a UUID, like AWS), success or error.</summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-amzn-RequestId";

    public Task InvokeAsync(HttpContext http)
    {
        var call = new AwsCallInfo(Guid.NewGuid().ToString());
        http.Features.Set(call);

        // Set when the headers go out: the exception handler clears headers that were set earlier.
        http.Response.OnStarting(static state =>
        {
            var (response, requestId) = ((HttpResponse, string))state;
            response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        }, (http.Response, call.RequestId));
        return next(http);
    }
}
