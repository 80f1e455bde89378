using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using ConnectMock.Aws;
using ConnectMock.Chats;

namespace ConnectMock.Participant;

/// <summary>
/// The WebSocket of the Participant Service as amazon-connect-chatjs speaks it: the client subscribes to
/// <c>aws/chat</c>, sends <c>aws/heartbeat</c> and <c>aws/ping</c> every 10 seconds (each must be answered, or it
/// reconnects), and receives each chat item as <c>{"content":"&lt;item JSON&gt;","contentType":"application/json","topic":"aws/chat"}</c>.
/// When the chat ends or the participant leaves, the server closes with 1000. Whatever a client sends or fails to
/// read, the server's memory per socket stays bounded and no failure escapes as an error response.
/// </summary>
public static partial class ChatWebSocket
{
    /// <summary>The largest frame read from a client; its frames are a few dozen bytes.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>What may wait for a client that does not read before it is closed with 1008.</summary>
    public const long MaxQueuedBytes = 1024 * 1024;

    private const string ChatTopic = "aws/chat";
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    // Quotes inside the item string go out as \" like AWS's frames, rather than the default \u0022.
    private static readonly JsonWriterOptions FrameJson = new() { Encoder = AwsJsonContext.WireEncoder };

    public static async Task Handle(HttpContext http, ChatSessions chats, ChatExpiry expiry, ILoggerFactory logs)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, "This URL takes a WebSocket upgrade request.");
        }

        var (session, participant) = chats.Authenticate(http.Request.Query["token"].FirstOrDefault(), ChatTokens.Kind.WebSocket);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();

        // From here on the response has started: failures can only close the socket, never become a response.
        var log = logs.CreateLogger(typeof(ChatWebSocket));
        var subscriber = new Subscriber(participant.Id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        session.Subscribe(subscriber);
        expiry.Watch(session);
        LogOpened(log, session.Contact.ContactId, participant.Id);
        var sending = SendAsync(socket, subscriber, stop.Token);
        try
        {
            await ReceiveAsync(socket, subscriber, stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // The client went away without a close handshake, or broke the protocol.
            LogReceiveFailed(log, ex, session.Contact.ContactId, participant.Id);
            subscriber.Complete(WebSocketCloseStatus.InternalServerError);
        }
        finally
        {
            session.Unsubscribe(subscriber);
            subscriber.Complete();
            await FinishAsync(sending, stop, log);
            LogClosed(log, session.Contact.ContactId, participant.Id);
        }
    }

    /// <summary>Lets the sender finish its close handshake for a while, then gives up on a silent client.</summary>
    private static async Task FinishAsync(Task sending, CancellationTokenSource stop, ILogger log)
    {
        try
        {
            await sending.WaitAsync(CloseHandshakeTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or OperationCanceledException or IOException)
        {
            LogCloseIncomplete(log, ex);
        }
        finally
        {
            await stop.CancelAsync();
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
                    if (length == MaxFrameBytes)
                    {
                        subscriber.Complete(WebSocketCloseStatus.MessageTooBig);
                        return;
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(length, MaxFrameBytes - length), cancel);
                    length += received.Count;
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Text)
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

    /// <summary>Answers one control frame. Frames that are not what chatjs sends are ignored, as the real gateway ignores unknown routes.</summary>
    private static void Answer(ReadOnlySpan<byte> frame, Subscriber subscriber)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(frame.ToArray());
        }
        catch (JsonException)
        {
            return;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("topic", out var topic) || topic.ValueKind != JsonValueKind.String)
            {
                return;
            }

            switch (topic.GetString())
            {
                case "aws/subscribe":
                    var topics = Topics(root);
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
    }

    /// <summary>The string topics of <c>{"content":{"topics":[...]}}</c>; anything else in there is skipped.</summary>
    private static List<string> Topics(JsonElement root) =>
        root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
        && content.TryGetProperty("topics", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
            : [];

    private static async Task SendAsync(WebSocket socket, Subscriber subscriber, CancellationToken cancel)
    {
        await foreach (var frame in subscriber.Frames.ReadAllAsync(cancel))
        {
            subscriber.Sent(frame.Length);
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancel);
        }

        // The chat ended, the participant left, the client closed or misbehaved: close, without waiting for an echo.
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, reason) = subscriber.CloseReason;
            await socket.CloseOutputAsync(status, reason, cancel);
        }
    }

    /// <summary>An aws/chat frame for one item: the item's JSON as a string in "content".</summary>
    private static byte[] Render(ChatDelivery delivery)
    {
        var item = JsonSerializer.Serialize(Item.From(delivery.Item, delivery.ContactId), ParticipantJsonContext.Wire.Item);
        return Frame(w =>
        {
            w.WriteString("content", item);
            w.WriteString("contentType", "application/json");
            w.WriteString("topic", ChatTopic);
        });
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

    /// <summary>One open socket: frames queue here, within a byte budget, and a single loop writes them in order.</summary>
    private sealed class Subscriber(Guid participantId) : IChatSubscriber
    {
        private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        private long _queuedBytes;
        private (WebSocketCloseStatus, string) _closeReason = (WebSocketCloseStatus.NormalClosure, "Chat ended");

        public Guid ParticipantId { get; } = participantId;

        public volatile bool Subscribed;

        public ChannelReader<byte[]> Frames => _frames.Reader;

        public (WebSocketCloseStatus Status, string Reason) CloseReason => _closeReason;

        public void Deliver(ChatDelivery delivery)
        {
            if (Subscribed)
            {
                Send(delivery.Rendered(Render));
            }
        }

        public void Send(byte[] frame)
        {
            // A client that stops reading is closed rather than buffered for: its chat may be busy.
            if (Interlocked.Add(ref _queuedBytes, frame.Length) > MaxQueuedBytes)
            {
                Complete(WebSocketCloseStatus.PolicyViolation);
                return;
            }

            _frames.Writer.TryWrite(frame);
        }

        public void Sent(int bytes) => Interlocked.Add(ref _queuedBytes, -bytes);

        public void Complete() => _frames.Writer.TryComplete();

        public void Complete(WebSocketCloseStatus status)
        {
            if (_frames.Writer.TryComplete())
            {
                _closeReason = (status, status switch
                {
                    WebSocketCloseStatus.PolicyViolation => "Too far behind: frames were not read",
                    WebSocketCloseStatus.MessageTooBig => $"Frames are limited to {MaxFrameBytes} bytes",
                    _ => "Closing",
                });
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} opened on chat {ContactId}")]
    private static partial void LogOpened(ILogger log, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} closed on chat {ContactId}")]
    private static partial void LogClosed(ILogger log, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket of participant {ParticipantId} on chat {ContactId} ended abnormally")]
    private static partial void LogReceiveFailed(ILogger log, Exception exception, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket close handshake did not complete")]
    private static partial void LogCloseIncomplete(ILogger log, Exception exception);
}
