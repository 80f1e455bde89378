using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using ConnectMock.Aws;
using ConnectMock.Chats;

namespace ConnectMock.Participant;

/// <summary>
/// The WebSocket of the Participant Service as amazon-connect-chatjs speaks it: the client subscribes to
/// <c>aws/chat</c>, sends <c>aws/heartbeat</c> and <c>aws/ping</c> every 10 seconds (each must be answered, or it
/// reconnects), and receives each chat item as <c>{"content":"&lt;item JSON&gt;","contentType":"application/json","topic":"aws/chat"}</c>.
/// When the chat ends or the participant leaves, the server closes with 1000.
/// </summary>
public static partial class ChatWebSocket
{
    private const int MaxFrameBytes = 64 * 1024;
    private const string ChatTopic = "aws/chat";

    // Quotes inside the item string go out as \" like AWS's frames, rather than the default \u0022.
    private static readonly JsonWriterOptions FrameJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task Handle(HttpContext http, ChatSessions chats, ChatExpiry expiry, ILoggerFactory logs)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, "This URL takes a WebSocket upgrade request.");
        }

        var (session, participant) = chats.Authenticate(http.Request.Query["token"].FirstOrDefault(), ChatTokens.Kind.WebSocket);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var subscriber = new Subscriber(participant.Id, session.Contact.ContactId);
        session.Subscribe(subscriber);
        expiry.Watch(session);
        var log = logs.CreateLogger(typeof(ChatWebSocket));
        LogOpened(log, session.Contact.ContactId, participant.Id);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var sending = SendAsync(socket, subscriber, stop.Token);
            await ReceiveAsync(socket, subscriber, stop.Token);
            subscriber.Complete();
            await sending;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: nothing more to send it.
        }
        finally
        {
            session.Unsubscribe(subscriber);
            LogClosed(log, session.Contact.ContactId, participant.Id);
        }
    }

    /// <summary>Answers the client's control frames until it closes, and remembers what it subscribed to.</summary>
    private static async Task ReceiveAsync(WebSocket socket, Subscriber subscriber, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(length, MaxFrameBytes - length), cancel);
                    length += received.Count;
                }
                while (!received.EndOfMessage && length < MaxFrameBytes);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Text && received.EndOfMessage)
                {
                    Answer(buffer.AsSpan(0, length), subscriber);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Answer(ReadOnlySpan<byte> frame, Subscriber subscriber)
    {
        try
        {
            using var json = JsonDocument.Parse(frame.ToArray());
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("topic", out var topic))
            {
                return;
            }

            switch (topic.GetString())
            {
                case "aws/subscribe":
                    var topics = json.RootElement.TryGetProperty("content", out var content)
                        && content.TryGetProperty("topics", out var list) && list.ValueKind == JsonValueKind.Array
                        ? list.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
                        : [];
                    subscriber.Subscribed |= topics.Contains(ChatTopic);
                    subscriber.Send(Frame(w =>
                    {
                        w.WriteString("topic", "aws/subscribe");
                        w.WriteStartObject("content");
                        w.WriteString("status", "success");
                        w.WriteStartArray("topics");
                        topics.ForEach(w.WriteStringValue);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }));
                    break;
                case "aws/heartbeat":
                    subscriber.Send(Frame(w => w.WriteString("topic", "aws/heartbeat")));
                    break;
                case "aws/ping":
                    subscriber.Send(Frame(w =>
                    {
                        w.WriteString("topic", "aws/ping");
                        w.WriteNumber("statusCode", 200);
                        w.WriteString("statusContent", "OK");
                    }));
                    break;
                default:
                    break;
            }
        }
        catch (JsonException)
        {
            // A frame that is not JSON is ignored, as the real gateway ignores unknown routes.
        }
    }

    private static async Task SendAsync(WebSocket socket, Subscriber subscriber, CancellationToken cancel)
    {
        await foreach (var frame in subscriber.Frames.ReadAllAsync(cancel))
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancel);
        }

        // The chat ended or the participant left (or the client closed): finish the close handshake with 1000.
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Chat ended", cancel);
        }
    }

    private static byte[] Frame(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, FrameJson))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One open socket: items queue here and a single loop writes them, in order.</summary>
    private sealed class Subscriber(Guid participantId, Guid contactId) : IChatSubscriber
    {
        // Bounded, so that a client that stops reading cannot make the server hold its chat forever.
        private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

        public Guid ParticipantId { get; } = participantId;

        public volatile bool Subscribed;

        public ChannelReader<byte[]> Frames => _frames.Reader;

        public void Send(byte[] frame) => _frames.Writer.TryWrite(frame);

        public void Deliver(ChatItem item)
        {
            if (!Subscribed)
            {
                return;
            }

            var json = JsonSerializer.Serialize(Item.From(item, contactId), ParticipantJsonContext.Wire.Item);
            Send(Frame(w =>
            {
                w.WriteString("content", json);
                w.WriteString("contentType", "application/json");
                w.WriteString("topic", ChatTopic);
            }));
        }

        public void Complete() => _frames.Writer.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} opened on chat {ContactId}")]
    private static partial void LogOpened(ILogger log, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} closed on chat {ContactId}")]
    private static partial void LogClosed(ILogger log, Guid contactId, Guid participantId);
}
