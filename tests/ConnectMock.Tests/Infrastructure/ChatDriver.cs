using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>A customer's side of a chat, on the wire: StartChatContact, then Participant Service calls with X-Amz-Bearer.</summary>
public sealed class ChatDriver(HttpClient client, TestServer? server = null)
{
    private readonly List<string> _participantRequestIds = [];

    public string ContactId { get; private set; } = "";

    public string ParticipantId { get; private set; } = "";

    public string ParticipantToken { get; private set; } = "";

    public string ConnectionToken { get; private set; } = "";

    public string WebSocketUrl { get; private set; } = "";

    /// <summary>The x-amzn-RequestId of each Participant Service call made so far, in order.</summary>
    public IReadOnlyList<string> ParticipantRequestIds => _participantRequestIds;

    public async Task<ChatDriver> StartAsync(System.Text.Json.Nodes.JsonObject? body = null)
    {
        body ??= Requests.Minimal();
        (ContactId, ParticipantId, ParticipantToken) = AwsAssert.Started(await client.StartChatAsync(body.ToJsonString()), persistent: body.ContainsKey("PersistentChat"));
        return this;
    }

    /// <summary>Another participant's side of this chat: one that CreateParticipant added, with its own participant token.</summary>
    public ChatDriver As(string participantId, string participantToken) =>
        new(client, server) { ContactId = ContactId, ParticipantId = participantId, ParticipantToken = participantToken };

    /// <summary>
    /// This participant, with the tokens it holds, calling another server (a replica behind the same load balancer);
    /// its sockets open on <paramref name="otherServer"/> when given.
    /// </summary>
    public ChatDriver Via(HttpClient other, TestServer? otherServer = null) =>
        new(other, otherServer)
        {
            ContactId = ContactId,
            ParticipantId = ParticipantId,
            ParticipantToken = ParticipantToken,
            ConnectionToken = ConnectionToken,
            WebSocketUrl = WebSocketUrl,
        };

    public async Task<ChatDriver> ConnectAsync()
    {
        var response = await CallAsync("/participant/connection", """{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]}""", ParticipantToken);
        ConnectionToken = response.Json.GetProperty("ConnectionCredentials").GetProperty(nameof(ConnectionToken)).GetString()!;
        WebSocketUrl = response.Json.GetProperty("Websocket").GetProperty("Url").GetString()!;
        return this;
    }

    public Task<WireResponse> CallAsync(string path, string body, string? bearer = null)
    {
        var content = Wire.Json(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if ((bearer ?? ConnectionToken) is { Length: > 0 } token)
        {
            request.Headers.Add("X-Amz-Bearer", token);
        }

        return SendAsync(request);
    }

    public async Task<string> SendMessageAsync(string content, string contentType = "text/plain")
    {
        var response = await CallAsync("/participant/message", JsonSerializer.Serialize(new { ContentType = contentType, Content = content }));
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.Body);
        return response.Json.GetProperty("Id").GetString()!;
    }

    public async Task<IReadOnlyList<JsonElement>> TranscriptAsync(string body = """{"MaxResults":100,"SortOrder":"ASCENDING"}""")
    {
        var response = await CallAsync("/participant/transcript", body);
        Assert.True(response.Status == System.Net.HttpStatusCode.OK, response.Body);
        return [.. response.Json.GetProperty("Transcript").EnumerateArray()];
    }

    /// <summary>Opens the WebSocket as chatjs does and subscribes to aws/chat.</summary>
    public async Task<ChatSocket> OpenSocketAsync(bool subscribe = true)
    {
        var socket = await (server ?? throw new InvalidOperationException("WebSockets need a TestServer here.")).CreateWebSocketClient().ConnectAsync(new Uri(WebSocketUrl), TestContext.Current.CancellationToken);
        var chat = new ChatSocket(socket);
        if (subscribe)
        {
            await chat.SendAsync("""{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}""");
            Assert.Equal("aws/subscribe", (await chat.ReceiveAsync()).GetProperty("topic").GetString());
        }

        return chat;
    }

    private async Task<WireResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request, TestContext.Current.CancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            _participantRequestIds.AddRange(response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids : []);
            return new WireResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
        }
    }
}

/// <summary>A chat WebSocket: frames are JSON objects; chat items come as a JSON string in "content".</summary>
public sealed class ChatSocket(WebSocket socket) : IAsyncDisposable
{
    public WebSocket Socket => socket;

    public Task SendAsync(string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    /// <summary>The next frame; throws when none arrives within the timeout or the socket closes.</summary>
    public async Task<JsonElement> ReceiveAsync(int timeoutMs = 5000)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeoutMs);
        var buffer = new byte[128 * 1024];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw new WebSocketException($"closed: {result.CloseStatus} {result.CloseStatusDescription}");
        }

        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    /// <summary>The next aws/chat item (other topics skipped), parsed from its content string.</summary>
    public async Task<JsonElement> NextItemAsync(int timeoutMs = 5000)
    {
        while (true)
        {
            var frame = await ReceiveAsync(timeoutMs);
            if (frame.GetProperty("topic").GetString() == "aws/chat")
            {
                Assert.Equal("application/json", frame.GetProperty("contentType").GetString());
                Assert.Equal(JsonValueKind.String, frame.GetProperty("content").ValueKind);
                return JsonDocument.Parse(frame.GetProperty("content").GetString()!).RootElement.Clone();
            }
        }
    }

    /// <summary>Waits for the server's close and returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(int timeoutMs = 5000) => (await ClosedWithAsync(timeoutMs)).Status;

    /// <summary>Waits for the server's close and returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedWithAsync(int timeoutMs = 5000)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeoutMs);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.CloseStatus, result.CloseStatusDescription);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        await Task.CompletedTask;
    }
}
