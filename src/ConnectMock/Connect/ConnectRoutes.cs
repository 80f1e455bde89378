using ConnectMock.Aws;
using ConnectMock.Aws.Validation;

namespace ConnectMock.Connect;

/// <summary>
/// The Amazon Connect route table (moto's urls.py): one entry per operation with its path, name and OpenAPI
/// metadata, and no logic. Each operation's shapes, validator and handler are in <c>Connect/&lt;Operation&gt;.cs</c>.
/// </summary>
internal static class ConnectRoutes
{
    public const string Tag = "Amazon Connect";

    public static RouteGroupBuilder MapConnectApi(this IEndpointRouteBuilder routes)
    {
        var connect = routes.MapGroup("").WithTags(Tag).WithAwsOperations(AwsService.Connect).WithAwsValidation();

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

        connect.MapPost("/contact/stop", StopContact.Handle)
            .WithName(nameof(StopContact))
            .WithSummary("Ends a chat contact (StopContact).")
            .DocumentsJsonBody<StopContactRequest>(new Dictionary<string, object>
            {
                ["stop"] = new StopContactRequest { ContactId = "d88ac802-4fa8-4ddd-9e59-89ac2e378879", InstanceId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE" },
            })
            .ProducesAwsErrors(
                AwsErrors.InvalidRequestName, AwsErrors.ContactNotFoundName, AwsErrors.InvalidParameterName,
                AwsErrors.ResourceNotFoundName, AwsErrors.InternalServiceName);

        connect.MapGet("/contacts/{InstanceId}/{ContactId}", DescribeContact.Handle)
            .WithName(nameof(DescribeContact))
            .WithSummary("Describes a chat contact (DescribeContact): channel, timestamps, attributes.")
            .ProducesAwsErrors(
                AwsErrors.InvalidRequestName, AwsErrors.InvalidParameterName, AwsErrors.ResourceNotFoundName,
                AwsErrors.InternalServiceName, AwsErrors.ThrottlingName);

        connect.MapGet("/contact/attributes/{InstanceId}/{InitialContactId}", GetContactAttributes.Handle)
            .WithName(nameof(GetContactAttributes))
            .WithSummary("The contact attributes of a contact (GetContactAttributes).")
            .WithConstraintError(AwsErrors.InvalidRequestName)
            .ProducesAwsErrors(AwsErrors.InvalidRequestName, AwsErrors.ResourceNotFoundName, AwsErrors.InternalServiceName);

        connect.MapPost("/contact/attributes", UpdateContactAttributes.Handle)
            .WithName(nameof(UpdateContactAttributes))
            .WithSummary("Adds or replaces contact attributes (UpdateContactAttributes).")
            .DocumentsJsonBody<UpdateContactAttributesRequest>(new Dictionary<string, object>
            {
                ["update"] = new UpdateContactAttributesRequest
                {
                    InitialContactId = "d88ac802-4fa8-4ddd-9e59-89ac2e378879",
                    InstanceId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
                    Attributes = new() { ["orderStatus"] = "shipped" },
                },
            })
            .ProducesAwsErrors(
                AwsErrors.InvalidRequestName, AwsErrors.InvalidParameterName, AwsErrors.ResourceNotFoundName,
                AwsErrors.InternalServiceName);

        connect.MapPost("/contact/create-participant", CreateParticipant.Handle)
            .WithName(nameof(CreateParticipant))
            .WithSummary("Adds a custom bot to an on-going chat (CreateParticipant).")
            .WithDescription(
                "Adds a participant of role CUSTOM_BOT to an active chat and returns its ParticipantToken, which it uses " +
                "with the Participant Service like any participant. It joins at its first CreateParticipantConnection, " +
                "within 15 seconds. Idempotent by ClientToken per contact.")
            .DocumentsJsonBody<CreateParticipantRequest>(new Dictionary<string, object>
            {
                ["customBot"] = new CreateParticipantRequest
                {
                    InstanceId = "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
                    ContactId = "d88ac802-4fa8-4ddd-9e59-89ac2e378879",
                    ClientToken = "0f1c7f9e-6b38-4c3e-9a57-3d1f6c0b2a11",
                    ParticipantDetails = new ParticipantDetailsToAdd { ParticipantRole = "CUSTOM_BOT", DisplayName = "Order bot" },
                },
            })
            .WithConstraintError(AwsErrors.InvalidRequestName)
            .ProducesAwsErrors(
                AwsErrors.InternalServiceName, AwsErrors.InvalidRequestName, AwsErrors.ResourceNotFoundName,
                AwsErrors.ServiceQuotaExceededName, AwsErrors.ThrottlingName);
        connect.MapPost("/contact/persistent-contact-association/{InstanceId}/{InitialContactId}", CreatePersistentContactAssociation.Handle)
            .WithName(nameof(CreatePersistentContactAssociation))
            .WithSummary("Makes an active chat continue an ended one (CreatePersistentContactAssociation).")
            .WithDescription(
                "Persistent chat for a chat already started: the past chat's transcript goes before this chat's own, and " +
                "chat.rehydrated is posted. The source must be an ended contact of the instance; a chat can be made " +
                "persistent once. Idempotent by ClientToken.")
            .DocumentsJsonBody<CreatePersistentContactAssociationRequest>(new Dictionary<string, object>
            {
                ["associate"] = new CreatePersistentContactAssociationRequest
                {
                    RehydrationType = "ENTIRE_PAST_SESSION",
                    SourceContactId = "9c447689-a5b5-45b4-8a8a-e2fbe00bdb43",
                    ClientToken = "0b5bd2a3-5a4d-4e1e-9d6f-5b2b5bb6f7a1",
                },
            })
            .ProducesAwsErrors(
                AwsErrors.AccessDeniedName, AwsErrors.InternalServiceName, AwsErrors.InvalidParameterName,
                AwsErrors.InvalidRequestName, AwsErrors.ResourceNotFoundName, AwsErrors.ThrottlingName);


        connect.MapPut("/contact/participant-role-config/{InstanceId}/{ContactId}", UpdateParticipantRoleConfig.Handle)
            .WithName(nameof(UpdateParticipantRoleConfig))
            .WithSummary("Sets a chat's idle and auto-disconnect timers (UpdateParticipantRoleConfig).")
            .WithDescription(
                "Sets (2 to 480 minutes) or deletes (Unset) the IDLE and DISCONNECT_NONCUSTOMER timers of the CUSTOMER and AGENT " +
                "roles. They run from the next agent's joining while the agent and the customer are in the chat: " +
                "participant.idle, participant.returned and participant.autodisconnection reach the sockets (docs/chat-timers.md).")
            .DocumentsJsonBody<UpdateParticipantRoleConfigRequest>(new Dictionary<string, object>
            {
                ["idleAndDisconnect"] = new UpdateParticipantRoleConfigRequest
                {
                    ChannelConfiguration = new UpdateParticipantRoleConfigChannelInfo
                    {
                        Chat = new ChatParticipantRoleConfig
                        {
                            ParticipantTimerConfigList =
                            [
                                new() { ParticipantRole = "CUSTOMER", TimerType = "IDLE", TimerValue = new() { ParticipantTimerDurationInMinutes = 5 } },
                                new() { ParticipantRole = "CUSTOMER", TimerType = "DISCONNECT_NONCUSTOMER", TimerValue = new() { ParticipantTimerDurationInMinutes = 10 } },
                                new() { ParticipantRole = "AGENT", TimerType = "IDLE", TimerValue = new() { ParticipantTimerAction = "Unset" } },
                            ],
                        },
                    },
                },
            })
            .ProducesAwsErrors(
                AwsErrors.AccessDeniedName, AwsErrors.InternalServiceName, AwsErrors.InvalidParameterName,
                AwsErrors.InvalidRequestName, AwsErrors.ResourceNotFoundName, AwsErrors.ThrottlingName);

        return connect;
    }
}
