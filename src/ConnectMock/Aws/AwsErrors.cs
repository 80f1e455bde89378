namespace ConnectMock.Aws;

/// <summary>The AWS error shapes ConnectMock sends, with the HTTP status codes their <c>httpError</c> traits give.</summary>
internal static class AwsErrors
{
    public const string InvalidParameterName = "InvalidParameterException";
    public const string InvalidRequestName = "InvalidRequestException";
    public const string ResourceNotFoundName = "ResourceNotFoundException";
    public const string LimitExceededName = "LimitExceededException";
    public const string ThrottlingName = "ThrottlingException";
    public const string TooManyRequestsName = "TooManyRequestsException";
    public const string AccessDeniedName = "AccessDeniedException";
    public const string InternalServiceName = "InternalServiceException";
    public const string ContactNotFoundName = "ContactNotFoundException";
    public const string ValidationName = "ValidationException";
    public const string InternalServerName = "InternalServerException";
    public const string ConflictName = "ConflictException";
    public const string UnknownOperationName = "UnknownOperationException";

    /// <summary>The status code of a Connect error shape; an unmodeled name is a client error.</summary>
    public static int StatusOf(string errorCode) => errorCode switch
    {
        ResourceNotFoundName or UnknownOperationName => StatusCodes.Status404NotFound,
        LimitExceededName or ThrottlingName or TooManyRequestsName => StatusCodes.Status429TooManyRequests,
        AccessDeniedName => StatusCodes.Status403Forbidden,
        ConflictName => StatusCodes.Status409Conflict,
        ContactNotFoundName => StatusCodes.Status410Gone,
        InternalServiceName or InternalServerName => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The error names whose status code ConnectMock knows.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        InvalidParameterName, InvalidRequestName, ResourceNotFoundName, LimitExceededName, ThrottlingName,
        TooManyRequestsName, AccessDeniedName, InternalServiceName, UnknownOperationName, ContactNotFoundName,
        ValidationName, InternalServerName, ConflictName,
    ];

    public static AwsServiceException Of(string errorCode, string message) => new(errorCode, StatusOf(errorCode), message);

    public static AwsServiceException InvalidParameter(string message) => Of(InvalidParameterName, message);

    public static AwsServiceException ResourceNotFound(string message) => Of(ResourceNotFoundName, message);

    public static AwsServiceException LimitExceeded(string message) => Of(LimitExceededName, message);

    /// <summary>For a method and path that no operation serves.</summary>
    public static AwsServiceException UnknownOperation(string method, string path) =>
        Of(UnknownOperationName, $"ConnectMock serves no operation at {method} {path}.");
}
