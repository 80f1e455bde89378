using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectMock.Participant;

/// <summary>The body of <c>POST /participant/connection</c>. Both members are optional; chatjs agents send only ConnectParticipant.</summary>
internal sealed class CreateParticipantConnectionRequest
{
    /// <summary><c>WEBSOCKET</c> and/or <c>CONNECTION_CREDENTIALS</c>.</summary>
    /// <example>["WEBSOCKET", "CONNECTION_CREDENTIALS"]</example>
    public List<string?>? Type { get; set; }

    public bool? ConnectParticipant { get; set; }

    public static ValueTask<CreateParticipantConnectionRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.CreateParticipantConnectionRequest);
}

internal sealed record CreateParticipantConnectionResponse(Websocket? Websocket, ConnectionCredentials? ConnectionCredentials);

/// <param name="Url">Where to open the WebSocket, within 100 seconds.</param>
/// <param name="ConnectionExpiry">When the URL stops working.</param>
internal sealed record Websocket(string Url, string ConnectionExpiry);

/// <param name="ConnectionToken">The X-Amz-Bearer of every other Participant Service call.</param>
/// <param name="Expiry">When the connection token stops working (a day).</param>
internal sealed record ConnectionCredentials(string ConnectionToken, string Expiry);

internal sealed class CreateParticipantConnectionRequestValidator : AbstractValidator<CreateParticipantConnectionRequest>
{
    public static readonly IReadOnlyList<string> ConnectionTypes = ["WEBSOCKET", "CONNECTION_CREDENTIALS", "WEBRTC_CONNECTION"];

    public CreateParticipantConnectionRequestValidator()
    {
        RuleFor(r => r.Type).Count(1, null).EachItem(oneOf: ConnectionTypes);
    }
}

/// <summary>CreateParticipantConnection: <c>POST /participant/connection</c>. X-Amz-Bearer: the ParticipantToken.</summary>
internal static class CreateParticipantConnection
{
    public static Ok<CreateParticipantConnectionResponse> Handle(
        CreateParticipantConnectionRequest request,
        [FromHeader(Name = BearerToken.Header)] string? bearer,
        ChatSessions chats,
        WebSocketUrls urls,
        HttpContext http)
    {
        var connection = chats.Connect(BearerToken.Read(bearer, "participantToken"));
        var types = request.Type ?? [];
        return TypedResults.Ok(new CreateParticipantConnectionResponse(
            types.Contains("WEBSOCKET")
                ? new Websocket(urls.For(http, connection.WebSocketToken), Item.Time(connection.WebSocketExpiry))
                : null,
            types.Contains("CONNECTION_CREDENTIALS")
                ? new ConnectionCredentials(connection.ConnectionToken, Item.Time(connection.ConnectionExpiry))
                : null));
    }
}
