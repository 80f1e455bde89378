using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectMock.Bench.ChatBaseline;

/// <summary>
/// The bare chat server that ConnectMock's chat workload is measured against: the same routes and JSON shapes the
/// load client uses (StartChatContact, CreateParticipant, CreateParticipantConnection, the WebSocket, SendMessage,
/// DisconnectParticipant), doing only what the workload needs: accept the socket, answer chatjs's subscribe, ping
/// and heartbeat frames, take a JSON message over HTTP and write its frame to the chat's sockets. Tokens are the
/// ids in plain text; no validation, no store beyond the open sockets, no logging.
/// </summary>
public static class ChatBaselineApp
{
    private static readonly ConcurrentDictionary<Guid, ChatRoom> Chats = new();

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatBaselineJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = null;
        });

        var app = builder.Build();
        app.UseWebSockets();
        app.MapPut("/contact/chat", (StartChatRequest request) =>
        {
            var contactId = Guid.NewGuid();
            var participantId = Guid.NewGuid();
            Chats[contactId] = new ChatRoom();
            return TypedResults.Ok(new StartChatResponse(contactId.ToString(), participantId.ToString(), Token(contactId, participantId)));
        });
        app.MapPost("/contact/create-participant", (CreateParticipantRequest request) =>
        {
            var participantId = Guid.NewGuid();
            return TypedResults.Ok(new CreateParticipantResponse(
                new ParticipantCredentials(Token(Guid.Parse(request.ContactId!), participantId), Expiry()), participantId.ToString()));
        });
        app.MapPost("/participant/connection", (HttpContext http) =>
        {
            var token = http.Request.Headers["X-Amz-Bearer"].ToString();
            var host = http.Request.Host;
            return TypedResults.Ok(new ConnectionResponse(
                new WebsocketUrl($"ws://{host}/chat/websocket?token={token}", Expiry()),
                new ConnectionCredentials(token, Expiry())));
        });
        app.MapPost("/participant/message", async (HttpContext http, SendMessageRequest request) =>
        {
            var (contactId, participantId) = Read(http.Request.Headers["X-Amz-Bearer"].ToString());
            var id = Guid.NewGuid().ToString();
            var time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var item = JsonSerializer.Serialize(
                new Item(id, "MESSAGE", request.ContentType, request.Content, time, participantId.ToString(), "CUSTOMER", contactId.ToString()),
                ChatBaselineJsonContext.Default.Item);
            var frame = JsonSerializer.SerializeToUtf8Bytes(new Frame(item, "application/json", "aws/chat"), ChatBaselineJsonContext.Default.Frame);
            if (Chats.TryGetValue(contactId, out var room))
            {
                await room.SendAsync(frame);
            }

            return TypedResults.Ok(new SendMessageResponse(id, time));
        });
        app.MapPost("/participant/disconnect", async (HttpContext http) =>
        {
            var (contactId, _) = Read(http.Request.Headers["X-Amz-Bearer"].ToString());
            if (Chats.TryRemove(contactId, out var room))
            {
                await room.CloseAsync();
            }

            return TypedResults.Ok(new EmptyResponse());
        });
        app.Map("/chat/websocket", async (HttpContext http) =>
        {
            var (contactId, _) = Read(http.Request.Query["token"].ToString());
            if (!http.WebSockets.IsWebSocketRequest || !Chats.TryGetValue(contactId, out var room))
            {
                http.Response.StatusCode = 400;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await room.ServeAsync(socket, http.RequestAborted);
        });
        return app;
    }

    private static string Token(Guid contactId, Guid participantId) => $"{contactId:N}.{participantId:N}";

    private static (Guid ContactId, Guid ParticipantId) Read(string token) =>
        token.Length == 65 && Guid.TryParse(token.AsSpan(0, 32), out var contact) && Guid.TryParse(token.AsSpan(33), out var participant)
            ? (contact, participant)
            : (Guid.Empty, Guid.Empty);

    private static string Expiry() => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class StartChatRequest
{
    public string? InstanceId { get; init; }

    public string? ContactFlowId { get; init; }

    public Participant? ParticipantDetails { get; init; }
}

public sealed class Participant
{
    public string? DisplayName { get; init; }
}

public sealed class CreateParticipantRequest
{
    public string? InstanceId { get; init; }

    public string? ContactId { get; init; }
}

public sealed class SendMessageRequest
{
    public string? ContentType { get; init; }

    public string? Content { get; init; }
}

public sealed record StartChatResponse(string ContactId, string ParticipantId, string ParticipantToken);

public sealed record ParticipantCredentials(string ParticipantToken, string Expiry);

public sealed record CreateParticipantResponse(ParticipantCredentials ParticipantCredentials, string ParticipantId);

public sealed record WebsocketUrl(string Url, string ConnectionExpiry);

public sealed record ConnectionCredentials(string ConnectionToken, string Expiry);

public sealed record ConnectionResponse(WebsocketUrl Websocket, ConnectionCredentials ConnectionCredentials);

public sealed record SendMessageResponse(string Id, string AbsoluteTime);

public sealed record EmptyResponse;

public sealed record Item(
    string Id, string Type, string? ContentType, string? Content, string AbsoluteTime, string ParticipantId, string ParticipantRole, string ContactId);

public sealed record Frame(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("topic")] string Topic);

[JsonSerializable(typeof(StartChatRequest))]
[JsonSerializable(typeof(StartChatResponse))]
[JsonSerializable(typeof(CreateParticipantRequest))]
[JsonSerializable(typeof(CreateParticipantResponse))]
[JsonSerializable(typeof(ConnectionResponse))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Frame))]
internal sealed partial class ChatBaselineJsonContext : JsonSerializerContext;
