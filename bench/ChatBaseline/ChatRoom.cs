using System.Net.WebSockets;
using System.Text;

namespace ConnectMock.Bench.ChatBaseline;

/// <summary>One chat's open sockets. Each socket has a send lock: a WebSocket takes one send at a time.</summary>
public sealed class ChatRoom
{
    private static readonly byte[] Subscribed = Encoding.UTF8.GetBytes("{\"topic\":\"aws/subscribe\",\"content\":{\"status\":\"success\",\"topics\":[\"aws/chat\"]}}");
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes("{\"topic\":\"aws/heartbeat\"}");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"topic\":\"aws/ping\",\"statusCode\":200,\"statusContent\":\"OK\"}");

    private readonly Lock _gate = new();
    private readonly List<Member> _members = [];

    public async Task ServeAsync(WebSocket socket, CancellationToken aborted)
    {
        var member = new Member(socket);
        lock (_gate)
        {
            _members.Add(member);
        }

        // The buffer size of ASP.NET Core's WebSocket sample.
        var buffer = new byte[4 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await member.CloseAsync();
                    break;
                }

                var frame = buffer.AsSpan(0, received.Count);
                var answer = frame.IndexOf("aws/subscribe"u8) >= 0 ? Subscribed
                    : frame.IndexOf("aws/heartbeat"u8) >= 0 ? Heartbeat
                    : frame.IndexOf("aws/ping"u8) >= 0 ? Ping
                    : null;
                if (answer is not null)
                {
                    await member.SendAsync(answer);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            lock (_gate)
            {
                _members.Remove(member);
            }
        }
    }

    public async Task SendAsync(byte[] frame)
    {
        Member[] members;
        lock (_gate)
        {
            members = [.. _members];
        }

        foreach (var member in members)
        {
            await member.SendAsync(frame);
        }
    }

    public async Task CloseAsync()
    {
        Member[] members;
        lock (_gate)
        {
            members = [.. _members];
        }

        foreach (var member in members)
        {
            await member.CloseAsync();
        }
    }

    // A SemaphoreSlim needs no disposal unless its wait handle is used, and disposing it would race with a message
    // sent to a socket that is closing.
#pragma warning disable CA1001
    private sealed class Member(WebSocket socket)
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public async Task SendAsync(byte[] frame)
        {
            await _sending.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // The client went away; its receive loop removes it.
            }
            finally
            {
                _sending.Release();
            }
        }

        public async Task CloseAsync()
        {
            await _sending.WaitAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Chat ended", CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // The client went away.
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
