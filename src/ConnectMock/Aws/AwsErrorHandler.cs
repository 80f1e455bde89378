using Microsoft.AspNetCore.Diagnostics;

namespace ConnectMock.Aws;

/// <summary>
/// The one place where exceptions become responses. Every exception gets an AWS error, so that no
/// ProblemDetails page, HTML or stack trace ever reaches a client, in any environment.
/// </summary>
public sealed partial class AwsErrorHandler(ILogger<AwsErrorHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            AwsServiceException aws => aws,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                AwsErrors.InvalidRequest("The request body is larger than the server accepts."),
            BadHttpRequestException => AwsErrors.InvalidRequest("The request could not be read."),
            _ => null,
        };
        if (error is null)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
            error = AwsErrors.InternalService("An internal error occurred. Try the request again.");
        }

        await AwsErrorWriter.WriteAsync(httpContext, error, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
