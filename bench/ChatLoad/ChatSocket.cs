using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>A frame of the aws/chat topic as it arrived, with the Stopwatch timestamp of its arrival.</summary>
internal delegate void ChatFrameHandler(ReadOnlySpan<byte> frame, long receivedAt);

/// <summary>
/// One participant's WebSocket as amazon-connect-chatjs 5.0.0 drives it (its bundled WebSocketManager): subscribe
/// with <c>{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}</c>, then at once and every 10 seconds
/// <c>{"topic":"aws/ping"}</c> and <c>{"topic":"aws/heartbeat"}</c>, each of which must be answered before the
/// next round (chatjs reconnects otherwise: counted here as a missed answer).
/// </summary>
internal sealed class ChatSocket : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private static readonly byte[] Subscribe = Encoding.UTF8.GetBytes("""{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}""");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"topic":"aws/ping"}""");
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes("""{"topic":"aws/heartbeat"}""");

    private static long _missedAnswers;
    private static long _answers;

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly ChatFrameHandler? _onChat;
    private volatile bool _pingPending;
    private volatile bool _heartbeatPending;
    private Task _receiving = Task.CompletedTask;
    private Task _heartbeating = Task.CompletedTask;

    private ChatSocket(ChatFrameHandler? onChat)
    {
        _onChat = onChat;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // browsers send no WebSocket pings
        _socket.Options.SetBuffer(4096, 1024);
    }

    /// <summary>Answers to ping or heartbeat that did not come before the next round, over every socket.</summary>
    public static long MissedAnswers => Interlocked.Read(ref _missedAnswers);

    /// <summary>Answers to ping and heartbeat received, over every socket.</summary>
    public static long Answers => Interlocked.Read(ref _answers);

    /// <summary>Completes when the server closes the socket (or the connection breaks).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Opens the socket and subscribes as chatjs does; returns once the subscription is answered.</summary>
    public static async Task<ChatSocket> OpenAsync(string url, ChatFrameHandler? onChat, bool heartbeat, CancellationToken cancel)
    {
        var socket = new ChatSocket(onChat);
        try
        {
            await socket._socket.ConnectAsync(new Uri(url), cancel);
            socket._receiving = socket.ReceiveAsync();
            await socket.SendAsync(Subscribe);
            await socket._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
            if (heartbeat)
            {
                socket._heartbeating = socket.HeartbeatAsync();
            }

            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_pingPending || _heartbeatPending)
                {
                    Interlocked.Increment(ref _missedAnswers);
                }

                _pingPending = _heartbeatPending = true;
                await SendAsync(Ping);
                await SendAsync(Heartbeat);
                await Task.Delay(HeartbeatInterval, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed.
        }
    }

    private async Task SendAsync(byte[] frame)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    received = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += received.Count;
                }
                while (!received.EndOfMessage);

                var at = Stopwatch.GetTimestamp();
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult();
                    await _sending.WaitAsync();
                    try
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                    finally
                    {
                        _sending.Release();
                    }

                    return;
                }

                Dispatch(buffer.AsSpan(0, length), at);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            _closed.TrySetResult();
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame, long at)
    {
        if (frame.IndexOf("\"topic\":\"aws/chat\""u8) >= 0)
        {
            _onChat?.Invoke(frame, at);
        }
        else if (frame.IndexOf("\"topic\":\"aws/heartbeat\""u8) >= 0)
        {
            _heartbeatPending = false;
            Interlocked.Increment(ref _answers);
        }
        else if (frame.IndexOf("\"topic\":\"aws/ping\""u8) >= 0)
        {
            _pingPending = false;
            Interlocked.Increment(ref _answers);
        }
        else if (frame.IndexOf("\"topic\":\"aws/subscribe\""u8) >= 0)
        {
            _subscribed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The loops' calls take _stop's token, and ClientWebSocket aborts itself when a call is cancelled. Aborting it
        // here too raced that abort inside ManagedWebSocket (a NullReferenceException in HttpContentStream.Dispose that
        // ended the churn workload in CI), so the loops end first and the socket is disposed once, after them.
        await _stop.CancelAsync();
        await Task.WhenAll(_receiving, _heartbeating);
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }
}
