using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;

namespace ConnectMock.Participant;

/// <summary>The Amazon Connect Participant Service routes and the chat WebSocket.</summary>
internal static class ParticipantApi
{
    public const string Tag = "Amazon Connect Participant Service";

    /// <summary>The CORS policy of the Participant Service: chat widgets run on pages of any origin.</summary>
    public const string CorsPolicy = "ChatWidgets";

    private static readonly string[] Errors =
        [AwsErrors.AccessDeniedName, AwsErrors.InternalServerName, AwsErrors.ThrottlingName, AwsErrors.ValidationName];

    public static RouteGroupBuilder MapParticipantApi(this IEndpointRouteBuilder routes)
    {
        var participant = routes.MapGroup("/participant")
            .WithTags(Tag)
            .RequireCors(CorsPolicy)
            .WithAwsOperations(AwsService.ConnectParticipant)
            .WithAwsValidation();

        participant.MapPost("/connection", ParticipantOperations.CreateParticipantConnection)
            .WithName("CreateParticipantConnection")
            .WithSummary("Creates the participant's connection: a WebSocket URL and a connection token. X-Amz-Bearer: the ParticipantToken.")
            .DocumentsJsonBody<CreateParticipantConnectionRequest>(new Dictionary<string, object>
            {
                ["customer"] = new CreateParticipantConnectionRequest { Type = ["WEBSOCKET", "CONNECTION_CREDENTIALS"] },
            })
            .ProducesAwsErrors(Errors);
        participant.MapPost("/message", ParticipantOperations.SendMessage)
            .WithName("SendMessage")
            .WithSummary("Sends a message. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<SendMessageRequest>(new Dictionary<string, object>
            {
                ["text"] = new SendMessageRequest { ContentType = "text/plain", Content = "Hello!" },
            })
            .ProducesAwsErrors(Errors);
        participant.MapPost("/event", ParticipantOperations.SendEvent)
            .WithName("SendEvent")
            .WithSummary("Sends typing, delivered or read events. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<SendEventRequest>(new Dictionary<string, object>
            {
                ["typing"] = new SendEventRequest { ContentType = ChatEvents.Typing },
            })
            .ProducesAwsErrors([.. Errors, AwsErrors.ConflictName]);
        participant.MapPost("/transcript", ParticipantOperations.GetTranscript)
            .WithName("GetTranscript")
            .WithSummary("Reads the chat's transcript, paged. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<GetTranscriptRequest>(new Dictionary<string, object>
            {
                ["latest"] = new GetTranscriptRequest { MaxResults = 15, ScanDirection = "BACKWARD", SortOrder = "ASCENDING" },
            })
            .ProducesAwsErrors(Errors);
        participant.MapPost("/disconnect", ParticipantOperations.DisconnectParticipant)
            .WithName("DisconnectParticipant")
            .WithSummary("Leaves the chat. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<DisconnectParticipantRequest>(new Dictionary<string, object> { ["leave"] = new DisconnectParticipantRequest() })
            .ProducesAwsErrors(Errors);

        routes.Map(WebSocketUrls.Path, ChatWebSocket.Handle)
            .WithMetadata(AwsService.ConnectParticipant)
            .ExcludeFromDescription();
        return participant;
    }
}
