using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using ConnectMock.Instances;
using FluentValidation;

namespace ConnectMock.ControlPlane.Faults;

/// <summary>The body of <c>POST /_connectmock/faults</c>: which calls to break, how, and how often.</summary>
/// <param name="Operation">The AWS operation, for example <c>StartChatContact</c>; every operation when left out.</param>
/// <param name="InstanceId">Only calls for this InstanceId; every instance when left out.</param>
/// <param name="Error">An AWS error name to answer with, for example <c>ThrottlingException</c>.</param>
/// <param name="Message">The error's Message; a realistic default per error when left out.</param>
/// <param name="StatusCode">The HTTP status, required only for an error name ConnectMock does not know.</param>
/// <param name="Count">Fire this many times, then disappear; no limit when left out.</param>
/// <param name="Probability">Fire for this share of the matching calls, 0 to 1; 1 when left out.</param>
/// <param name="LatencyMs">Wait this long before answering.</param>
/// <param name="DropConnection"><c>BeforeProcessing</c> or <c>AfterProcessing</c>: close the connection without an answer.</param>
internal sealed record FaultSpec(
    string? Operation = null,
    string? InstanceId = null,
    string? Error = null,
    string? Message = null,
    int? StatusCode = null,
    int? Count = null,
    double? Probability = null,
    int? LatencyMs = null,
    DropConnection? DropConnection = null)
{
    /// <summary>How long the ids of faults are.</summary>
    public const int IdLength = 12;

    /// <summary>Mock-only limits (AWS has no such input): an error name as long as any AWS has, and a message that fits a log line.</summary>
    public const int MaxErrorLength = 128;

    public const int MaxMessageLength = 4096;

    public const int MaxLatencyMs = 600_000;

    public static ValueTask<FaultSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.FaultSpec, new FaultSpec());

    public FaultRule ToRule() => new(
        Guid.NewGuid().ToString("N")[..IdLength],
        Operation,
        InstanceId,
        Error is null ? null : new FaultError(Error, StatusCode ?? AwsErrors.StatusOf(Error), Message ?? DefaultMessage(Error)),
        DropConnection,
        LatencyMs ?? 0,
        Probability ?? 1,
        Count);

    /// <summary>What Connect says with each error, as far as it is known.</summary>
    private static string DefaultMessage(string error) => error switch
    {
        AwsErrors.ThrottlingName or AwsErrors.TooManyRequestsName => "Rate exceeded",
        AwsErrors.LimitExceededName => ChatService.QuotaExceededMessage,
        AwsErrors.ResourceNotFoundName => InstanceRegistry.NotFoundMessage,
        AwsErrors.AccessDeniedName => ChatSessions.AccessDeniedMessage,
        AwsErrors.InvalidRequestName => "The request is not valid.",
        AwsErrors.InvalidParameterName => "One or more of the specified parameters are not valid.",
        AwsErrors.InternalServiceName => "Request processing failed because of an error or failure with the service.",
        _ => $"Injected {error}.",
    };
}

internal sealed class FaultSpecValidator : AbstractValidator<FaultSpec>
{
    public FaultSpecValidator(AwsOperationNames operations)
    {
        RuleFor(f => f)
            .Must(f => f.Error is not null || f.DropConnection is not null || f.LatencyMs > 0)
            .WithMessage("A fault needs an error, dropConnection or a latencyMs above 0.")
            .Must(f => f.Error is null || f.DropConnection is null)
            .WithMessage("A fault can answer with an error or drop the connection, not both.");
        RuleFor(f => f.Operation)
            .Must(operation => operations.Contains(operation!))
            .When(f => f.Operation is not null)
            .WithMessage(_ => $"operation must be one of {operations.Listed}.");
        RuleFor(f => f.InstanceId)
            .Must(id => AwsMemberLimits.IsId(id, AwsMemberLimits.InstanceId))
            .When(f => f.InstanceId is not null)
            .WithMessage($"instanceId must be {AwsMemberLimits.Describe(AwsMemberLimits.InstanceId, "InstanceId")}.");
        RuleFor(f => f.Error)
            .Matches("^[A-Za-z][A-Za-z0-9]*$").WithMessage("error must be an AWS error name such as ThrottlingException.")
            .MaximumLength(FaultSpec.MaxErrorLength).WithMessage($"error must be at most {FaultSpec.MaxErrorLength} characters.")
            .Must((f, error) => f.StatusCode is not null || AwsErrors.Known.Contains(error!))
            .When(f => f.Error is not null)
            .WithMessage($"error: ConnectMock does not know the status code of this error name; give statusCode, or use one of {string.Join(", ", AwsErrors.Known)}.");
        RuleFor(f => f.Message)
            .Length(1, FaultSpec.MaxMessageLength)
            .WithMessage($"message must be 1 to {FaultSpec.MaxMessageLength} characters.");
        RuleFor(f => f.StatusCode).InclusiveBetween(400, 599).WithMessage("statusCode must be an error status, from 400 to 599.");
        RuleFor(f => f.Count).GreaterThanOrEqualTo(1).WithMessage("count must be 1 or more.");
        RuleFor(f => f.Probability).InclusiveBetween(0, 1).WithMessage("probability must be from 0 to 1.");
        RuleFor(f => f.LatencyMs).InclusiveBetween(0, FaultSpec.MaxLatencyMs).WithMessage($"latencyMs must be from 0 to {FaultSpec.MaxLatencyMs}.");
    }
}
