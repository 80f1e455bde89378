using Microsoft.AspNetCore.Diagnostics;

namespace ConnectMock.Aws;

/// <summary>
/// The safety net for error statuses that the framework sets without a body (after the exception handler has
/// had its chance): they, too, go out as AWS errors, never as an empty 4xx.
/// </summary>
public static class AwsStatusCodePages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var error = status switch
        {
            StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed =>
                AwsErrors.UnknownOperation(http.Request.Method, http.Request.Path),
            >= 500 => AwsErrors.InternalService("An internal error occurred. Try the request again."),
            _ => AwsErrors.InvalidRequest("The request could not be read."),
        };
        return AwsErrorWriter.WriteAsync(http, error, http.RequestAborted);
    }
}
