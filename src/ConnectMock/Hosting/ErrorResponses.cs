using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.ControlPlane;
using Microsoft.AspNetCore.Diagnostics;

namespace ConnectMock.Hosting;

/// <summary>
/// The one place where failures become responses: AWS errors on the AWS API, plain JSON on the control plane.
/// Every exception is handled, so that no ProblemDetails page, HTML or stack trace ever reaches a client, in any
/// environment.
/// </summary>
internal sealed partial class ErrorResponses(ILogger<ErrorResponses> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ControlPlaneException plane)
        {
            await ControlPlaneErrorWriter.WriteAsync(httpContext, plane.StatusCode, plane.Message, cancellationToken);
            return true;
        }

        var service = AwsCallInfo.Of(httpContext)?.Service ?? AwsService.Connect;
        var error = exception switch
        {
            AwsServiceException aws => aws,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                service.MalformedRequest("The request body is larger than the server accepts."),
            BadHttpRequestException => service.MalformedRequest("The request could not be read."),
            _ => null,
        };
        if (exception is ContactStoreUnavailableException unavailable)
        {
            // Expected while a shared store's server is down: one line, no stack trace; the store reconnects by itself.
            LogStoreUnavailable(httpContext.Request.Method, httpContext.Request.Path, unavailable.Message);
            error = service.Internal();
        }
        else if (error is null)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
            error = service.Internal();
        }

        await WriteAsync(httpContext, error, cancellationToken);
        return true;
    }

    /// <summary>
    /// The safety net for error statuses that the framework sets without a body after the exception handler had
    /// its chance: they, too, go out in the caller's error format, never as an empty 4xx.
    /// </summary>
    public static Task WriteStatusCodeAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var service = AwsCallInfo.Of(http)?.Service ?? AwsService.Connect;
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed =>
                AwsErrors.UnknownOperation(http.Request.Method, http.Request.Path),
            >= 500 => service.Internal(),
            _ => service.MalformedRequest("The request could not be read."),
        };
        return WriteAsync(http, error, http.RequestAborted);
    }

    private static Task WriteAsync(HttpContext http, AwsServiceException error, CancellationToken cancellationToken) =>
        ControlPlaneApi.Owns(http.Request.Path)
            ? ControlPlaneErrorWriter.WriteAsync(http, error.StatusCode, error.Message, cancellationToken)
            : AwsErrorWriter.WriteAsync(http, error, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered an internal error: {Reason}")]
    private partial void LogStoreUnavailable(string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
