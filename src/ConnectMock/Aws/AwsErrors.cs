using System.Collections.Frozen;

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
    public const string ServiceQuotaExceededName = "ServiceQuotaExceededException";

    /// <summary>
    /// Every error shape ConnectMock knows, with its status: the one place a new error goes (its name above, its row
    /// here; AwsErrorsTests fails on a name without a row). The status lookup and the list of known names come from it.
    /// </summary>
    public static readonly IReadOnlyList<AwsErrorShape> Shapes =
    [
        new(InvalidParameterName, StatusCodes.Status400BadRequest),
        new(InvalidRequestName, StatusCodes.Status400BadRequest),
        new(ResourceNotFoundName, StatusCodes.Status404NotFound),
        new(LimitExceededName, StatusCodes.Status429TooManyRequests),
        new(ThrottlingName, StatusCodes.Status429TooManyRequests),
        new(TooManyRequestsName, StatusCodes.Status429TooManyRequests),
        new(AccessDeniedName, StatusCodes.Status403Forbidden),
        new(InternalServiceName, StatusCodes.Status500InternalServerError),
        new(UnknownOperationName, StatusCodes.Status404NotFound),
        new(ContactNotFoundName, StatusCodes.Status410Gone),
        new(ValidationName, StatusCodes.Status400BadRequest),
        new(InternalServerName, StatusCodes.Status500InternalServerError),
        new(ConflictName, StatusCodes.Status409Conflict),

        // 402 in both models: the Participant Service's (attachments per contact) and Connect's (CreateParticipant).
        new(ServiceQuotaExceededName, StatusCodes.Status402PaymentRequired),
    ];

    private static readonly FrozenDictionary<string, int> StatusByName =
        Shapes.ToFrozenDictionary(shape => shape.Name, shape => shape.StatusCode);

    /// <summary>The error names whose status code ConnectMock knows, in the order of <see cref="Shapes"/>.</summary>
    public static readonly IReadOnlyList<string> Known = [.. Shapes.Select(shape => shape.Name)];

    /// <summary>The status code of a Connect error shape; an unmodeled name is a client error.</summary>
    public static int StatusOf(string errorCode) =>
        StatusByName.TryGetValue(errorCode, out var status) ? status : StatusCodes.Status400BadRequest;

    public static AwsServiceException Of(string errorCode, string message) => new(errorCode, StatusOf(errorCode), message);

    public static AwsServiceException InvalidParameter(string message) => Of(InvalidParameterName, message);

    public static AwsServiceException ResourceNotFound(string message) => Of(ResourceNotFoundName, message);

    public static AwsServiceException LimitExceeded(string message) => Of(LimitExceededName, message);

    /// <summary>For a method and path that no operation serves.</summary>
    public static AwsServiceException UnknownOperation(string method, string path) =>
        Of(UnknownOperationName, $"ConnectMock serves no operation at {method} {path}.");
}
