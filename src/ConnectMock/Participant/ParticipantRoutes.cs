using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;

namespace ConnectMock.Participant;

/// <summary>
/// The Amazon Connect Participant Service route table: one entry per operation with its path, name and OpenAPI
/// metadata, and no logic (each operation is in <c>Participant/&lt;Operation&gt;.cs</c>), and the chat WebSocket's
/// endpoint and the attachments' upload and download URLs, so that every path the service answers is listed here.
/// </summary>
internal static class ParticipantRoutes
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

        participant.MapPost("/connection", CreateParticipantConnection.Handle)
            .WithName(nameof(CreateParticipantConnection))
            .WithSummary("Creates the participant's connection: a WebSocket URL and a connection token. X-Amz-Bearer: the ParticipantToken.")
            .DocumentsJsonBody<CreateParticipantConnectionRequest>(new Dictionary<string, object>
            {
                ["customer"] = new CreateParticipantConnectionRequest { Type = ["WEBSOCKET", "CONNECTION_CREDENTIALS"] },
            })
            // Not in the model, but in Amazon Connect's guide: a custom bot that connects 15 seconds or more after
            // CreateParticipant gets ResourceNotFoundException.
            .ProducesAwsErrors([.. Errors, AwsErrors.ResourceNotFoundName]);
        participant.MapPost("/message", SendMessage.Handle)
            .WithName(nameof(SendMessage))
            .WithSummary("Sends a message. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<SendMessageRequest>(new Dictionary<string, object>
            {
                ["text"] = new SendMessageRequest { ContentType = "text/plain", Content = "Hello!" },
            })
            .ProducesAwsErrors(Errors);
        participant.MapPost("/event", SendEvent.Handle)
            .WithName(nameof(SendEvent))
            .WithSummary("Sends an event: typing, a read or delivered receipt, or any other event type. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<SendEventRequest>(new Dictionary<string, object>
            {
                ["typing"] = new SendEventRequest { ContentType = ChatEvents.Typing },
                ["read"] = new SendEventRequest { ContentType = ChatEvents.Read, Content = """{"messageId":"11111111-aaaa-bbbb-cccc-EXAMPLE01234"}""" },
            })
            .ProducesAwsErrors([.. Errors, AwsErrors.ConflictName]);
        participant.MapPost("/transcript", GetTranscript.Handle)
            .WithName(nameof(GetTranscript))
            .WithSummary("Reads the chat's transcript, paged. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<GetTranscriptRequest>(new Dictionary<string, object>
            {
                ["latest"] = new GetTranscriptRequest { MaxResults = 15, ScanDirection = "BACKWARD", SortOrder = "ASCENDING" },
            })
            .ProducesAwsErrors(Errors);
        participant.MapPost("/disconnect", DisconnectParticipant.Handle)
            .WithName(nameof(DisconnectParticipant))
            .WithSummary("Leaves the chat. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<DisconnectParticipantRequest>(new Dictionary<string, object> { ["leave"] = new DisconnectParticipantRequest() })
            .ProducesAwsErrors(Errors);

        participant.MapPost("/start-attachment-upload", StartAttachmentUpload.Handle)
            .WithName(nameof(StartAttachmentUpload))
            .WithSummary("Starts a file's upload: an AttachmentId, and the URL and headers to PUT the bytes with. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<StartAttachmentUploadRequest>(new Dictionary<string, object>
            {
                ["image"] = new StartAttachmentUploadRequest
                {
                    ContentType = "image/png",
                    AttachmentSizeInBytes = 1024,
                    AttachmentName = "receipt.png",
                    ClientToken = "upload-1",
                },
            })
            .ProducesAwsErrors([.. Errors, AwsErrors.ServiceQuotaExceededName]);
        participant.MapPost("/complete-attachment-upload", CompleteAttachmentUpload.Handle)
            .WithName(nameof(CompleteAttachmentUpload))
            .WithSummary("Completes an uploaded file: its ATTACHMENT item reaches the chat. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<CompleteAttachmentUploadRequest>(new Dictionary<string, object>
            {
                ["complete"] = new CompleteAttachmentUploadRequest { AttachmentIds = ["<the AttachmentId of StartAttachmentUpload>"], ClientToken = "complete-1" },
            })
            .ProducesAwsErrors([.. Errors, AwsErrors.ConflictName, AwsErrors.ServiceQuotaExceededName]);
        participant.MapPost("/attachment", GetAttachment.Handle)
            .WithName(nameof(GetAttachment))
            .WithSummary("A URL to download a file of the chat. X-Amz-Bearer: the ConnectionToken.")
            .DocumentsJsonBody<GetAttachmentRequest>(new Dictionary<string, object>
            {
                ["download"] = new GetAttachmentRequest { AttachmentId = "<an AttachmentId of the chat>", UrlExpiryInSeconds = 60 },
            })
            .ProducesAwsErrors(Errors);

        AttachmentUrls.Map(routes, CorsPolicy);
        routes.Map(WebSocketUrls.Path, ChatWebSocket.Handle)
            .WithMetadata(AwsService.ConnectParticipant)
            .ExcludeFromDescription();
        return participant;
    }
}
