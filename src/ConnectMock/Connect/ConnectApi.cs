using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.OpenApi;

namespace ConnectMock.Connect;

/// <summary>The Amazon Connect service routes (moto's urls.py): paths, names and OpenAPI metadata only.</summary>
public static class ConnectApi
{
    public const string Tag = "Amazon Connect";

    public static RouteGroupBuilder MapConnectApi(this IEndpointRouteBuilder routes)
    {
        // Faults first: AWS throttles before it validates.
        var connect = routes.MapGroup("").WithTags(Tag).WithAwsOperations(AwsService.Connect).WithFaultInjection().WithAwsValidation();

        connect.MapPut("/contact/chat", StartChatContact.Handle)
            .WithName(nameof(StartChatContact))
            .WithSummary("Initiates a chat contact (StartChatContact).")
            .WithDescription(
                "Starts a chat for a customer and returns the ids and the participant token that " +
                "CreateParticipantConnection needs. Idempotent by ClientToken within an instance for 7 days.")
            .DocumentsJsonBody<StartChatContactRequest>(StartChatContactExamples.All)
            .ProducesAwsErrors(
                AwsErrors.InvalidRequestName,
                AwsErrors.InvalidParameterName,
                AwsErrors.ResourceNotFoundName,
                AwsErrors.InternalServiceName,
                AwsErrors.LimitExceededName);

        return connect;
    }
}
