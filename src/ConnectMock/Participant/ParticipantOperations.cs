using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>
/// The Participant Service operations. Only the <c>X-Amz-Bearer</c> header authenticates: SDKs sign these calls
/// with SigV4 anyway (chatjs with an empty key), and the real service ignores that signature, so ConnectMock does too.
/// </summary>
internal static class ParticipantOperations
{
    public const string BearerHeader = "X-Amz-Bearer";

    public static Ok<CreateParticipantConnectionResponse> CreateParticipantConnection(
        CreateParticipantConnectionRequest request,
        [FromHeader(Name = BearerHeader)] string? bearer,
        ChatSessions chats,
        WebSocketUrls urls,
        HttpContext http)
    {
        var connection = chats.Connect(Bearer(bearer, "participantToken"));
        var types = request.Type ?? [];
        return TypedResults.Ok(new CreateParticipantConnectionResponse(
            types.Contains("WEBSOCKET")
                ? new Websocket(urls.For(http, connection.WebSocketToken), Item.Time(connection.WebSocketExpiry))
                : null,
            types.Contains("CONNECTION_CREDENTIALS")
                ? new ConnectionCredentials(connection.ConnectionToken, Item.Time(connection.ConnectionExpiry))
                : null));
    }

    public static Ok<SendMessageResponse> SendMessage(
        SendMessageRequest request, [FromHeader(Name = BearerHeader)] string? bearer, ChatSessions chats)
    {
        var item = chats.SendMessage(Bearer(bearer, "connectionToken"), request.ContentType!, request.Content!, request.ClientToken);
        return TypedResults.Ok(new SendMessageResponse(item.Id, Item.Time(item.AbsoluteTime)));
    }

    public static Ok<SendEventResponse> SendEvent(
        SendEventRequest request, [FromHeader(Name = BearerHeader)] string? bearer, ChatSessions chats)
    {
        var item = chats.SendEvent(Bearer(bearer, "connectionToken"), request.ContentType!, request.Content);
        return TypedResults.Ok(new SendEventResponse(item.Id, Item.Time(item.AbsoluteTime)));
    }

    public static Ok<GetTranscriptResponse> GetTranscript(
        GetTranscriptRequest request, [FromHeader(Name = BearerHeader)] string? bearer, ChatSessions chats)
    {
        var (contactId, transcript) = chats.Transcript(Bearer(bearer, "connectionToken"));
        if (request.ContactId is { } asked && asked != contactId.ToString())
        {
            throw AwsErrors.Of(AwsErrors.AccessDeniedName, ChatSessions.AccessDeniedMessage);
        }

        var (items, nextToken) = TranscriptPage.Read(transcript, request, contactId);
        return TypedResults.Ok(new GetTranscriptResponse(contactId.ToString(), [.. items.Select(i => Item.From(i, contactId))], nextToken));
    }

    public static Ok<EmptyParticipantResponse> DisconnectParticipant(
        DisconnectParticipantRequest request, [FromHeader(Name = BearerHeader)] string? bearer, ChatSessions chats)
    {
        chats.Disconnect(Bearer(bearer, "connectionToken"));
        return TypedResults.Ok(new EmptyParticipantResponse());
    }

    /// <summary>
    /// The token in X-Amz-Bearer; a missing or oversized one breaks the model's constraints on that member, reported
    /// as any other member is, without echoing the token.
    /// </summary>
    private static string Bearer(string? value, string member)
    {
        var clause = value is null ? ConstraintText.NotNull : ConstraintText.Length(ConstraintText.CodePoints(value), 1, 1000);
        if (clause is null)
        {
            return value!;
        }

        var failure = AwsValidationFailures.Constraint(member, clause, value);
        if (value is not null)
        {
            failure.CustomState = AwsValidationFailures.Redacted;
        }

        throw AwsValidationFailures.ToException([failure], AwsService.ConnectParticipant);
    }
}
