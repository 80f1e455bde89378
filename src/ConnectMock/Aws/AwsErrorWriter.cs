namespace ConnectMock.Aws;

/// <summary>Writes an AWS restJson1 error: status, <c>x-amzn-ErrorType</c> with the bare name, and the JSON body.</summary>
internal static class AwsErrorWriter
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static Task WriteAsync(HttpContext http, AwsServiceException error, CancellationToken cancellationToken)
    {
        if (AwsCallInfo.Of(http) is { } call)
        {
            call.ErrorCode = error.ErrorCode;
        }

        var response = http.Response;
        response.StatusCode = error.StatusCode;
        response.Headers[ErrorTypeHeader] = error.ErrorCode;
        return response.WriteAsJsonAsync(
            new AwsErrorBody(error.ErrorCode, error.Message),
            AwsJsonContext.Wire.AwsErrorBody,
            contentType: "application/json",
            cancellationToken);
    }
}
