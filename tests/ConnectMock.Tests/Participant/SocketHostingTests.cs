using System.Diagnostics;
using System.Net.WebSockets;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

/// <summary>The socket settings and a stop (SIGTERM) with chat sockets open, in the built app on Kestrel.</summary>
public sealed class SocketHostingTests
{
    [Fact]
    public async Task Stop_WithAnOpenSocket_SendsGoingAwayAndExitsWellBeforeTheShutdownTimeout()
    {
        // A shutdown timeout far longer than the close handshake, so that waiting it out shows.
        await using var app = AppProcess.Start(new Dictionary<string, string> { ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "30" });
        Assert.True(await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30)), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var chat = await (await new ChatDriver(client).StartAsync()).ConnectAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chat.WebSocketUrl), TestContext.Current.CancellationToken);

        var stopping = Stopwatch.StartNew();
        app.Terminate();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var received = await socket.ReceiveAsync(new byte[1024], deadline.Token);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", deadline.Token);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, received.CloseStatus);
        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(10)), "still running 10 s after SIGTERM");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the stop took {stopping.Elapsed}");
        Assert.Equal(0, app.ExitCode);
    }
}
