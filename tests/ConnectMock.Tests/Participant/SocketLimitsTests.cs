using System.Net.WebSockets;
using ConnectMock.Chats;
using ConnectMock.Tests.Infrastructure;
using Serilog.Events;

namespace ConnectMock.Tests.Participant;

/// <summary>What one participant token can hold open: single-use URLs, caps, and sockets whose clients fall silent.</summary>
public sealed class SocketLimitsTests(SocketLimitsFactory app) : ConnectMockTest<SocketLimitsFactory>(app)
{
    [Fact]
    public async Task WebSocketUrl_UsedTwice_IsRefusedTheSecondTime()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var first = await chat.OpenSocketAsync();

        var again = await Assert.ThrowsAnyAsync<Exception>(() => App.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(chat.WebSocketUrl), TestContext.Current.CancellationToken));

        Assert.Contains("403", again.Message, StringComparison.Ordinal);
        await chat.ConnectAsync();
        await using var fresh = await chat.OpenSocketAsync();
        Assert.Equal(WebSocketState.Open, fresh.Socket.State);
    }

    [Fact]
    public async Task Socket_ReplacedByANewerOne_IsClosedWithAReasonThatIsNotTheChatEnding()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var oldest = await chat.OpenSocketAsync();

        await using var newer = await (await chat.ConnectAsync()).OpenSocketAsync();

        var (status, reason) = await oldest.ClosedWithAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("Replaced by a newer connection of this participant", reason);
        Assert.Equal(200, (int)(await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"still on"}""")).Status);
    }

    [Fact]
    public async Task Sockets_OfOneParticipantStillClosing_BeyondTheCap_AreRefusedWith429()
    {
        // MaxSocketsPerParticipant is 1: one live socket, and one more that is being closed (its client is silent).
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var replaced = await chat.OpenSocketAsync();
        await using var live = await (await chat.ConnectAsync()).OpenSocketAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await chat.ConnectAsync()).OpenSocketAsync());

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Contains(App.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("MaxSocketsPerParticipant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sockets_BeyondTheGlobalCap_AreRefusedWith429UntilOneCloses()
    {
        var held = new List<ChatSocket>();
        for (var i = 0; i < SocketLimitsFactory.MaxOpenSockets; i++)
        {
            var chat = await NewChat().StartAsync();
            held.Add(await Eventually(async () => await (await chat.ConnectAsync()).OpenSocketAsync())); // earlier tests' sockets may still be finishing
        }

        var another = await (await NewChat().StartAsync()).ConnectAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => another.OpenSocketAsync());
        await held[0].DisposeAsync();

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Contains(App.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("MaxOpenSockets", StringComparison.Ordinal));
        await using var admitted = await Eventually(async () => await (await another.ConnectAsync()).OpenSocketAsync());
        Assert.Equal(WebSocketState.Open, admitted.Socket.State);
        foreach (var socket in held.Skip(1))
        {
            await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task Socket_WhoseClientNeverAnswersTheClose_IsDroppedAfterTheCloseHandshakeTimeout()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var silent = await chat.OpenSocketAsync();

        await Client.SendAsync(HttpMethod.Post, "/contact/stop",
            Wire.Json($$"""{"ContactId":"{{chat.ContactId}}","InstanceId":"11111111-2222-3333-4444-555555555555"}"""));

        // The client reads nothing and never closes; the server gives up once the close handshake times out.
        Assert.False(Closed(chat), "closed before its close handshake timed out");
        var closed = false;
        for (var i = 0; i < 100 && !closed; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50, TestContext.Current.CancellationToken);
            closed = Closed(chat);
        }

        Assert.True(closed, "the socket of a silent client was never dropped");
    }

    [Fact]
    public async Task WebSocketUrls_OfOneParticipant_AreLimitedWithinAUrlLifetime()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        for (var i = 1; i <= ChatSession.MaxWebSocketUrlsInLifetime; i++)
        {
            await (await (await chat.ConnectAsync()).OpenSocketAsync()).DisposeAsync();
            await Eventually(() => Task.FromResult(ClosedCount(chat) == i ? true : throw new InvalidOperationException("not closed yet")));
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await chat.ConnectAsync()).OpenSocketAsync());
        App.Clock.Advance(TimeSpan.FromSeconds(100));
        await using var later = await (await chat.ConnectAsync()).OpenSocketAsync();

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, later.Socket.State);
    }

    private bool Closed(ChatDriver chat) => ClosedCount(chat) > 0;

    private int ClosedCount(ChatDriver chat) => App.Logs.Events.Count(e =>
        e.MessageTemplate.Text.StartsWith("WebSocket of participant", StringComparison.Ordinal)
        && e.MessageTemplate.Text.Contains("closed", StringComparison.Ordinal)
        && e.Properties["ParticipantId"].ToString() == chat.ParticipantId);

    /// <summary>Retries <paramref name="attempt"/> until it succeeds: a closed socket is released once its handler has finished.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (i < 100)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }
}

public sealed class SocketLimitsFactory : ConnectMockFactory
{
    public const int MaxOpenSockets = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Chat:MaxSocketsPerParticipant", "1"),
        new("ConnectMock:Chat:MaxOpenSockets", MaxOpenSockets.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
