using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace ConnectMock.Participant;

/// <summary>
/// The WebSocket of the Participant Service as amazon-connect-chatjs speaks it: the client subscribes to
/// <c>aws/chat</c>, sends <c>aws/heartbeat</c> and <c>aws/ping</c> every 10 seconds (each must be answered, or it
/// reconnects), and receives each chat item as <c>{"content":"&lt;item JSON&gt;","contentType":"application/json","topic":"aws/chat"}</c>.
/// When the chat ends, the participant leaves or a newer socket replaces this one, the server closes with 1000; when
/// the server stops, with 1001. A client that does not answer a close is dropped after the close handshake timeout.
/// Whatever a client sends or fails to read, the server's memory per socket stays bounded and no failure escapes as
/// an error response.
/// </summary>
internal static partial class ChatWebSocket
{
    /// <summary>The largest frame read from a client; its frames are a few dozen bytes.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>The buffer a frame is first read into; chatjs's frames fit, a larger frame grows it.</summary>
    private const int FirstReadBytes = 1024;

    /// <summary>What may wait for a client that does not read before it is closed with 1008.</summary>
    public const long MaxQueuedBytes = 1024 * 1024;

    private const string ChatTopic = "aws/chat";

    // Quotes inside the item string go out as \" like AWS's frames, rather than the default \u0022.
    private static readonly JsonWriterOptions FrameJson = new() { Encoder = AwsJsonContext.WireEncoder };

    // chatjs sends both every 10 seconds on every socket: their answers never change, so they are written once.
    private static readonly byte[] HeartbeatAnswer = Frame(0, static (w, _) => w.WriteString("topic", "aws/heartbeat"));
    private static readonly byte[] PingAnswer = Frame(0, static (w, _) =>
    {
        w.WriteString("topic", "aws/ping");
        w.WriteNumber("statusCode", 200);
        w.WriteString("statusContent", "OK");
    });

    // API Gateway, which serves the real chat sockets, sends no ping or pong frames of its own (chatjs keeps the
    // connection alive with aws/heartbeat); ASP.NET Core's default would send a pong every two minutes, and keep a
    // timer per socket for it.
    private static readonly WebSocketAcceptContext NoKeepAlive = new() { KeepAliveInterval = TimeSpan.Zero };

    /// <summary>
    /// The handshake: checks the request and its token, counts the socket and accepts it. The socket itself is served
    /// by <see cref="ServeAccepted"/> once the pipeline has returned, so that the middlewares between (the call's
    /// record, request logging, error handling, the endpoint and its filters) keep no frame alive for the socket's
    /// life; their record of the call (the 101, its request id, the log line) is the handshake's.
    /// </summary>
    public static async Task Handle(HttpContext http, ChatSessions chats, OpenChatSockets sockets, ILoggerFactory logs)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, "This URL takes a WebSocket upgrade request.");
        }

        var token = TokenOf(http.Request.QueryString);
        var (contact, participant) = chats.Authenticate(token, ChatTokens.Kind.WebSocket);
        var admission = sockets.Admit(participant.Id);
        try
        {
            chats.UseWebSocketUrl(contact.ContactId, participant.Id, token!);
            var socket = await http.WebSockets.AcceptWebSocketAsync(NoKeepAlive);
            http.Features.Set(new Accepted(socket, admission, contact.ContactId, participant.Id, chats, sockets, logs.CreateLogger(typeof(ChatWebSocket))));
        }
        catch
        {
            admission.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first <c>token</c> of the query, decoded as <see cref="HttpRequest.Query"/> decodes it, without the
    /// query collection that the request would keep for the socket's life.
    /// </summary>
    private static string? TokenOf(QueryString query)
    {
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            if (pair.DecodeName().Span.SequenceEqual("token"))
            {
                return pair.DecodeValue().ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// The middleware, first in the pipeline, that serves the socket an upgrade request accepted (<see cref="Handle"/>)
    /// after the rest of the pipeline has returned; other requests pass straight through.
    /// </summary>
    public static RequestDelegate ServeAccepted(RequestDelegate next) =>
        http => http.Request.Path.StartsWithSegments(WebSocketUrls.Path) ? ServeAcceptedAsync(http, next) : next(http);

    /// <summary>
    /// The socket's task itself when the handshake's pipeline completed at once (as it usually does): an async frame
    /// awaiting it would be kept for the socket's life, one per open chat.
    /// </summary>
    private static Task ServeAcceptedAsync(HttpContext http, RequestDelegate next)
    {
        var handshake = HandshakeAsync(http, next);
        return handshake.IsCompletedSuccessfully ? handshake.Result?.ServeAsync() ?? Task.CompletedTask : ServeAfterAsync(handshake);

        static async Task ServeAfterAsync(Task<Accepted?> handshake)
        {
            if (await handshake is { } accepted)
            {
                await accepted.ServeAsync();
            }
        }
    }

    /// <summary>Runs the rest of the pipeline; the socket it accepted, if any, with what only the handshake needed let go.</summary>
    private static async Task<Accepted?> HandshakeAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch
        {
            // Nothing throws after the handshake today; if something ever does, the socket and its admission (a
            // slot of the open-socket cap) must not outlive the request.
            http.Features.Get<Accepted>()?.Abandon();
            http.Features.Set<Accepted>(null);
            throw;
        }

        if (http.Features.Get<Accepted>() is not { } accepted)
        {
            return null;
        }

        http.Features.Set<Accepted>(null);
        await ForgetHandshakeAsync(http);
        return accepted;
    }

    /// <summary>
    /// An upgraded request lives as long as its socket, and with ten thousand sockets what each keeps counts: what
    /// only the handshake needed is let go: its headers, its target (the URL's token alone is a few hundred bytes),
    /// its items, its service scope (the socket holds the singletons it needs) and the call's record, whose log line
    /// and journal entry are written by now.
    /// </summary>
    private static async ValueTask ForgetHandshakeAsync(HttpContext http)
    {
        var request = http.Features.GetRequiredFeature<IHttpRequestFeature>();
        request.Headers.Clear();
        request.RawTarget = "";
        request.QueryString = "";
        http.Features.Set<AwsCallInfo>(null);
        http.Features.Set<IItemsFeature>(null);
        if (http.Features.Get<IServiceProvidersFeature>() is IAsyncDisposable scope)
        {
            await scope.DisposeAsync();
        }

        // The context caches its features until the collection changes and a feature is next asked for: asking
        // drops the cached items (a new, empty feature takes their place).
        _ = http.Items;
    }

    /// <summary>A socket accepted by the handshake, with its admission, until <see cref="ServeAccepted"/> serves it.</summary>
    private sealed class Accepted(
        WebSocket socket, IDisposable admission, Guid contactId, Guid participantId, ChatSessions chats, OpenChatSockets sockets, ILogger log)
    {
        /// <summary>Drops the socket unserved and frees its admission.</summary>
        public void Abandon()
        {
            socket.Abort();
            socket.Dispose();
            admission.Dispose();
        }

        // From here on the response has started: failures can only close the socket, never become a response.
        // No cancellation token: a lost connection fails the pending receive, and aborting the socket ends whatever
        // is pending (a token would keep a registration per pending operation, for ten thousand idle sockets).
        public async Task ServeAsync()
        {
            using var owned = socket;
            using var counted = admission;
            var subscriber = new Subscriber(socket, chats, contactId, participantId, log);
            using var goingAway = sockets.Stopping.Register(
                static s => ((Subscriber)s!).Complete(WebSocketCloseStatus.EndpointUnavailable, "Server is stopping"), subscriber);
            chats.Subscribe(contactId, subscriber, sockets.MaxLivePerParticipant);
            LogOpened(log, contactId, participantId);
            var receiving = ReceiveAsync(socket, subscriber, log);
            try
            {
                await subscriber.Closing;

                // From the decision to close on, the handshake (our close frame out, the client's back) has a time
                // limit: a client that never answers would otherwise hold its socket, and a file descriptor, for good.
                await Task.WhenAll(subscriber.Sending, receiving).WaitAsync(sockets.CloseHandshakeTimeout, sockets.Time);
            }
            catch (TimeoutException)
            {
                LogCloseTimedOut(log, contactId, participantId, sockets.CloseHandshakeTimeout);
                socket.Abort();
            }
            finally
            {
                chats.Unsubscribe(contactId, subscriber);
                subscriber.Complete(WebSocketCloseStatus.NormalClosure, "Closing");
                socket.Abort();
                await Task.WhenAll(subscriber.Sending, receiving);
                LogClosed(log, contactId, participantId);
            }
        }
    }

    /// <summary>
    /// Answers the client's control frames until its close frame, and remembers what it subscribed to; once the
    /// client closes or breaks the protocol, the subscriber completes. Never throws.
    /// </summary>
    private static async Task ReceiveAsync(WebSocket socket, Subscriber subscriber, ILogger log)
    {
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                // An idle socket holds no buffer: a zero-byte receive waits for the next frame's header, and only
                // then is a buffer taken from the pool, for that frame alone. Ten thousand open chats would otherwise
                // keep ten thousand buffers of the largest frame.
                var next = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (next.MessageType == WebSocketMessageType.Close)
                {
                    // Echo the client's status, as RFC 6455 asks of the endpoint that did not start the close.
                    subscriber.Complete(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription ?? "");
                    return;
                }

                if (!next.EndOfMessage)
                {
                    await ReceiveFrameAsync(socket, subscriber, next.MessageType);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away without a close handshake, or the socket was aborted.
            LogReceiveFailed(log, ex, subscriber.ParticipantId);
            subscriber.Complete(WebSocketCloseStatus.InternalServerError, "Closing");
        }
    }

    /// <summary>Reads the rest of one frame into a pooled buffer, grown as it fills up to <see cref="MaxFrameBytes"/>, and answers it.</summary>
    private static async Task ReceiveFrameAsync(WebSocket socket, Subscriber subscriber, WebSocketMessageType type)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstReadBytes);
        try
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (length >= Math.Min(buffer.Length, MaxFrameBytes))
                {
                    if (length >= MaxFrameBytes)
                    {
                        // The rest of the frame is read and dropped, so that the client's close can still be read.
                        subscriber.Complete(WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {MaxFrameBytes} bytes");
                        length = 0;
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxFrameBytes));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                received = await socket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MaxFrameBytes) - length), CancellationToken.None);
                length += received.Count;
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                subscriber.Complete(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription ?? "");
                return;
            }

            if (type == WebSocketMessageType.Text && !subscriber.Closing.IsCompleted)
            {
                Answer(buffer.AsMemory(0, length), subscriber);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Answers one control frame. Frames that are not what chatjs sends are ignored, as the real gateway ignores unknown routes.</summary>
    private static void Answer(ReadOnlyMemory<byte> frame, Subscriber subscriber)
    {
        switch (TopicOf(frame.Span))
        {
            case ControlTopic.Heartbeat:
                subscriber.Send(HeartbeatAnswer);
                break;
            case ControlTopic.Ping:
                subscriber.Send(PingAnswer);
                break;
            case ControlTopic.Subscribe:
                using (var json = JsonDocument.Parse(frame))
                {
                    Subscribe(json.RootElement, subscriber);
                }

                break;
        }
    }

    private enum ControlTopic
    {
        None,
        Heartbeat,
        Ping,
        Subscribe,
    }

    /// <summary>
    /// The string <c>topic</c> of a frame that is a JSON object (the last one, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
    /// finds it); <see cref="ControlTopic.None"/> for anything else, invalid JSON included. Read without a
    /// <see cref="JsonDocument"/>: every open socket sends two of these frames every 10 seconds.
    /// </summary>
    private static ControlTopic TopicOf(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        var topic = ControlTopic.None;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ControlTopic.None;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTopic = reader.ValueTextEquals("topic"u8);
                reader.Read();
                if (isTopic)
                {
                    topic = reader.TokenType != JsonTokenType.String ? ControlTopic.None
                        : reader.ValueTextEquals("aws/heartbeat"u8) ? ControlTopic.Heartbeat
                        : reader.ValueTextEquals("aws/ping"u8) ? ControlTopic.Ping
                        : reader.ValueTextEquals("aws/subscribe"u8) ? ControlTopic.Subscribe
                        : ControlTopic.None;
                }

                reader.Skip();
            }

            // Only a whole, valid document is answered: anything after the object is an error.
            return reader.Read() ? ControlTopic.None : topic;
        }
        catch (JsonException)
        {
            return ControlTopic.None;
        }
    }

    private static void Subscribe(JsonElement root, Subscriber subscriber)
    {
        var topics = Topics(root);
        var before = subscriber.Subscribed;
        subscriber.Subscribed |= topics.Contains(ChatTopic);
        subscriber.Send(Frame(topics, static (w, topics) =>
        {
            w.WriteString("topic", "aws/subscribe");
            w.WriteStartObject("content");
            w.WriteString("status", "success");
            w.WriteStartArray("topics");
            topics.ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
        if (!before && subscriber.Subscribed)
        {
            subscriber.SubscribedToItems();
        }
    }

    /// <summary>The string topics of <c>{"content":{"topics":[...]}}</c>; anything else in there is skipped.</summary>
    private static List<string> Topics(JsonElement root) =>
        root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
        && content.TryGetProperty("topics", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
            : [];

    /// <summary>
    /// An aws/chat frame for one item: the item's JSON as a string in "content". Every message is rendered once for
    /// all its sockets; the item's JSON and the frame are written into this thread's buffers, so the frame's own
    /// array is the only allocation (growing fresh buffers per item made most of a message's garbage, and each
    /// collection stalls every open socket).
    /// </summary>
    private static byte[] Render(ChatDelivery delivery)
    {
        var buffers = RenderBuffers.OfThisThread();
        var writer = buffers.Start(buffers.Item);
        JsonSerializer.Serialize(writer, Item.From(delivery.Item, delivery.ContactId), ParticipantJsonContext.Wire.Item);
        writer.Flush();
        return Frame(buffers.Item, static (w, item) =>
        {
            w.WriteString("content", item.WrittenSpan);
            w.WriteString("contentType", "application/json");
            w.WriteString("topic", ChatTopic);
        });
    }

    /// <summary>A frame: the JSON object that <paramref name="write"/> fills, written into this thread's buffers.</summary>
    private static byte[] Frame<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffers = RenderBuffers.OfThisThread();
        var writer = buffers.Start(buffers.Frame);
        writer.WriteStartObject();
        write(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        var frame = buffers.Frame.WrittenSpan.ToArray();
        buffers.LetGoIfLarge();
        return frame;
    }

    /// <summary>One thread's buffers for <see cref="Frame"/> and <see cref="Render"/>, kept between frames (they only grow to the largest).</summary>
    private sealed class RenderBuffers : IDisposable
    {
        private const int MaxKeptBytes = 64 * 1024;

        [ThreadStatic]
        private static RenderBuffers? _ofThread;

        private readonly Utf8JsonWriter _writer = new(Stream.Null, FrameJson);

        public ArrayBufferWriter<byte> Item { get; } = new(1024);

        public ArrayBufferWriter<byte> Frame { get; } = new(2048);

        public static RenderBuffers OfThisThread() => _ofThread ??= new RenderBuffers();

        /// <summary>Empties <paramref name="buffer"/> and returns the writer, writing into it.</summary>
        public Utf8JsonWriter Start(ArrayBufferWriter<byte> buffer)
        {
            buffer.ResetWrittenCount();
            _writer.Reset(buffer);
            return _writer;
        }

        /// <summary>A rare large item (a long message of escaped characters) does not keep its buffers on the thread.</summary>
        public void LetGoIfLarge()
        {
            if (Item.Capacity > MaxKeptBytes || Frame.Capacity > MaxKeptBytes)
            {
                Dispose();
                _ofThread = null;
            }
        }

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>
    /// One open socket: frames queue here, within a byte budget, and are written in order, then the close frame once
    /// the subscriber completes. No loop waits for frames: the first frame queued while none is being written starts
    /// a writer on the thread pool, which ends when the queue is empty, so an idle socket holds no writer and no
    /// queue. Never throws.
    /// </summary>
    private sealed class Subscriber(WebSocket socket, ChatSessions chats, Guid contactId, Guid participantId, ILogger log)
        : IChatSubscriber, IThreadPoolWorkItem
    {
        private readonly TaskCompletionSource _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private Queue<byte[]>? _frames;
        private Writer _writer;
        private long _queuedBytes;
        private (WebSocketCloseStatus, string) _closeReason;

        // Made when the subscriber completes: done once the close frame is out, or could not be sent.
        private TaskCompletionSource? _sent;

        private enum Writer
        {
            /// <summary>No frame waits and none is being written.</summary>
            Idle,

            /// <summary>A writer is queued or writing: it takes every frame queued meanwhile.</summary>
            Writing,

            /// <summary>The close frame is out, or a write failed: nothing more is written.</summary>
            Done,
        }

        public Guid ParticipantId { get; } = participantId;

        public bool TakesItems => Subscribed;

        public volatile bool Subscribed;

        /// <summary>Completes once the socket is to close: the frames queued by then still go out, then the close frame.</summary>
        public Task Closing => _closing.Task;

        /// <summary>Done once the frames queued before the completion and the close frame are out (or failed); only once <see cref="Closing"/> is.</summary>
        public Task Sending => _sent!.Task;

        /// <summary>Called once, after the answer to the client's first subscription to aws/chat.</summary>
        public void SubscribedToItems() => chats.SubscribedToItems(contactId, this);

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
                Complete(WebSocketCloseStatus.PolicyViolation, "Too far behind: frames were not read");
                return;
            }

            lock (_gate)
            {
                if (_sent is not null || _writer == Writer.Done)
                {
                    return;
                }

                (_frames ??= new Queue<byte[]>()).Enqueue(frame);
                if (_writer == Writer.Writing)
                {
                    return;
                }

                _writer = Writer.Writing;
            }

            // Never on the caller's thread: a delivery comes under the chat's lock, which a socket write must not hold.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        public void Complete(SubscriptionEnd why) => Complete(WebSocketCloseStatus.NormalClosure, why switch
        {
            SubscriptionEnd.Replaced => "Replaced by a newer connection of this participant",
            SubscriptionEnd.ParticipantLeft => "Participant left",
            _ => "Chat ended",
        });

        /// <summary>The first completion decides how the socket closes; later ones change nothing.</summary>
        public void Complete(WebSocketCloseStatus status, string reason)
        {
            Writer writer;
            lock (_gate)
            {
                if (_sent is not null)
                {
                    return;
                }

                _closeReason = (status, reason);
                _sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                writer = _writer;
                if (writer == Writer.Idle)
                {
                    _writer = Writer.Writing;
                }

                _closing.SetResult();
            }

            if (writer == Writer.Idle)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
            else if (writer == Writer.Done)
            {
                _sent.TrySetResult();
            }
        }

        void IThreadPoolWorkItem.Execute() => _ = WriteAsync();

        /// <summary>Writes the queued frames until none is left; once completed, the close frame after them.</summary>
        private async Task WriteAsync()
        {
            try
            {
                while (true)
                {
                    var frame = Next(out var idle);
                    if (idle)
                    {
                        return;
                    }

                    if (frame is null)
                    {
                        break;
                    }

                    Interlocked.Add(ref _queuedBytes, -frame.Length);
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }

                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    var (status, reason) = _closeReason;
                    await socket.CloseOutputAsync(status, reason, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                LogSendFailed(log, ex, ParticipantId);
            }

            TaskCompletionSource? sent;
            lock (_gate)
            {
                _writer = Writer.Done;
                _frames = null;
                sent = _sent;
            }

            sent?.TrySetResult();
        }

        /// <summary>
        /// The next frame to write; null when none is left: then the close frame is next once the subscriber completed,
        /// else the writer stops (<paramref name="idle"/>) and the next frame queued starts another.
        /// </summary>
        private byte[]? Next(out bool idle)
        {
            lock (_gate)
            {
                idle = false;
                if (_frames is { Count: > 0 } frames)
                {
                    return frames.Dequeue();
                }

                if (_sent is null)
                {
                    // An idle socket keeps no queue: a chat whose sockets wait for minutes between messages would
                    // hold one per socket, and a burst's queue is cheap to make again.
                    _writer = Writer.Idle;
                    _frames = null;
                    idle = true;
                }

                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} opened on chat {ContactId}")]
    private static partial void LogOpened(ILogger log, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} closed on chat {ContactId}")]
    private static partial void LogClosed(ILogger log, Guid contactId, Guid participantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket of participant {ParticipantId} ended abnormally while receiving")]
    private static partial void LogReceiveFailed(ILogger log, Exception exception, Guid participantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket of participant {ParticipantId} ended abnormally while sending")]
    private static partial void LogSendFailed(ILogger log, Exception exception, Guid participantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket of participant {ParticipantId} on chat {ContactId} dropped: its client did not complete the close handshake within {Timeout}")]
    private static partial void LogCloseTimedOut(ILogger log, Guid contactId, Guid participantId, TimeSpan timeout);
}
