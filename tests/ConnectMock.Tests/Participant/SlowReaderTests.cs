using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

/// <summary>Over real Kestrel and TCP, where a client that stops reading makes the server's queue grow.</summary>
public sealed class SlowReaderTests
{
    [Fact]
    public async Task Socket_ThatStopsReading_IsClosedWith1008InsteadOfBufferedForever()
    {
        await using var app = new ConnectMockFactory();
        app.UseKestrelOnAFreePort();
        app.StartServer();
        using var client = app.CreateClient();
        var chat = await new ChatDriver(client).StartAsync(
            Requests.Minimal().With("SupportedMessagingContentTypes", new JsonArray("text/plain", "application/json")));
        await chat.ConnectAsync();
        using var socket = new ClientWebSocket();
        var url = new Uri(chat.WebSocketUrl.Replace("ws://127.0.0.1/", $"ws://127.0.0.1:{client.BaseAddress!.Port}/", StringComparison.Ordinal));
        await socket.ConnectAsync(url, TestContext.Current.CancellationToken);
        await socket.SendAsync("""{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}"""u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

        // Far more than the 1 MiB budget plus what TCP buffers hold, while the client reads nothing.
        var message = JsonSerializer.Serialize(new { ContentType = "application/json", Content = new string('x', 12_000) });
        for (var i = 0; i < 1000 && socket.State == WebSocketState.Open; i++)
        {
            await chat.CallAsync("/participant/message", message);
        }

        var buffer = new byte[64 * 1024];
        var received = 0L;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, deadline.Token);
            received += result.Count;
        }
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
        Assert.True(received < 12_000L * 1000, $"the server closed only after sending {received} bytes");
    }
}
