namespace ConnectMock.Aws;

/// <summary>
/// The only exception that handlers, validators and stores throw to report a client-visible failure.
/// <c>ErrorResponses</c> turns it into a restJson1 error response.
/// </summary>
internal sealed class AwsServiceException(string errorCode, int statusCode, string message) : Exception(message)
{
    /// <summary>The bare AWS error shape name, for example <c>InvalidParameterException</c>.</summary>
    public string ErrorCode { get; } = errorCode;

    public int StatusCode { get; } = statusCode;
}
