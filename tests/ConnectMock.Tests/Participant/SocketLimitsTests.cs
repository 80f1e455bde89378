using System.Collections.Concurrent;
using System.Net.WebSockets;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Time;
using ConnectMock.Participant;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
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
        StartNewWarningWindow();

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
        StartNewWarningWindow();
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
    public async Task RefusalsAtACap_LogOneWarningPer10Seconds_WithHowManyThereWere()
    {
        var held = new List<ChatSocket>();
        try
        {
            for (var i = 0; i < SocketLimitsFactory.MaxOpenSockets; i++)
            {
                var chat = await NewChat().StartAsync();
                held.Add(await Eventually(async () => await (await chat.ConnectAsync()).OpenSocketAsync())); // earlier tests' sockets may still be finishing
            }

            // Filling up may itself have been refused (while earlier tests' sockets closed), and those refusals count
            // toward the next warning: one refusal in a window of its own logs them and starts the count from zero.
            var looping = await (await NewChat().StartAsync()).ConnectAsync();
            StartNewWarningWindow();
            await Assert.ThrowsAnyAsync<Exception>(() => looping.OpenSocketAsync());
            StartNewWarningWindow();
            App.Logs.Clear();

            // A client in a reconnect loop: five refusals at once, one more just before the window ends, one as it ends.
            for (var i = 0; i < 5; i++)
            {
                Assert.Contains("429", (await Assert.ThrowsAnyAsync<Exception>(() => looping.OpenSocketAsync())).Message, StringComparison.Ordinal);
            }

            var first = Assert.Single(RefusalWarnings());
            App.Clock.Advance(RefusalWarningInterval - TimeSpan.FromMilliseconds(1));
            await Assert.ThrowsAnyAsync<Exception>(() => looping.OpenSocketAsync());
            Assert.Single(RefusalWarnings());
            App.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await Assert.ThrowsAnyAsync<Exception>(() => looping.OpenSocketAsync());

            Assert.Equal(2, RefusalWarnings().Count);
            Assert.Equal("1", first.Properties["Refused"].ToString());
            Assert.Equal("6", RefusalWarnings()[1].Properties["Refused"].ToString());
            Assert.Contains("MaxOpenSockets", RefusalWarnings()[1].RenderMessage(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in held)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Socket_WhoseClientNeverAnswersTheClose_IsDroppedAfterTheCloseHandshakeTimeout()
    {
        var timeout = App.Services.GetRequiredService<OpenChatSockets>().CloseHandshakeTimeout;
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var silent = await chat.OpenSocketAsync();
        var timersBefore = App.Timers.Started(timeout);

        await Client.SendAsync(HttpMethod.Post, "/contact/stop",
            Wire.Json($$"""{"ContactId":"{{chat.ContactId}}","InstanceId":"11111111-2222-3333-4444-555555555555"}"""));

        // The client reads the server's close frame and never answers it; the handshake's time runs from the server's close.
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await silent.ClosedAsync());
        await WaitUntil(() => App.Timers.Started(timeout) > timersBefore);

        App.Clock.Advance(timeout - TimeSpan.FromMilliseconds(100));
        // Nothing to wait for when nothing is to happen: a moment for a wrongly early drop to show.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        await silent.SendAsync("""{"topic":"aws/heartbeat"}""");

        App.Clock.Advance(TimeSpan.FromMilliseconds(200));
        await WaitUntil(async () => !await CanSendAsync(silent));
    }

    [Fact]
    public async Task WebSocketUrls_OfOneParticipant_AreLimitedWithinAUrlLifetime()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        for (var i = 1; i <= LiveChat.MaxWebSocketUrlsInLifetime; i++)
        {
            // A refused socket spends no URL; the one closed before may still hold its slot a moment.
            await using var socket = await Eventually(async () => await (await chat.ConnectAsync()).OpenSocketAsync());
            await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
            Assert.Equal(WebSocketState.Closed, socket.Socket.State);
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await chat.ConnectAsync()).OpenSocketAsync());
        App.Clock.Advance(TimeSpan.FromSeconds(100));
        await using var later = await (await chat.ConnectAsync()).OpenSocketAsync();

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, later.Socket.State);
    }

    /// <summary>How often a refusal at one cap is logged at most, as the warning says.</summary>
    private static readonly TimeSpan RefusalWarningInterval = TimeSpan.FromSeconds(10);

    /// <summary>A test that expects a refusal warning starts a fresh window, whatever earlier tests were refused.</summary>
    private void StartNewWarningWindow() => App.Clock.Advance(RefusalWarningInterval);

    private List<LogEvent> RefusalWarnings() => [.. App.Logs.Events.Where(e => e.Level == LogEventLevel.Warning
        && e.MessageTemplate.Text.StartsWith("WebSocket of participant {ParticipantId} refused", StringComparison.Ordinal))];

    /// <summary>Whether the server still takes frames: the test server's socket fails a send once the other end is gone.</summary>
    private static async Task<bool> CanSendAsync(ChatSocket socket)
    {
        try
        {
            await socket.SendAsync("""{"topic":"aws/heartbeat"}""");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

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

    public SocketLimitsFactory() => Timers = new TimerCountingClock(Clock);

    /// <summary>The app's clock, which shows the timers started on it.</summary>
    public TimerCountingClock Timers { get; }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<ClockSource>();
        services.AddSingleton(new ClockSource(Timers));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Chat:MaxSocketsPerParticipant", "1"),
        new("ConnectMock:Chat:MaxOpenSockets", MaxOpenSockets.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

/// <summary>
/// The fake clock, counting the timers started on it by their due time: a test that moves the clock to just before
/// a timeout must know that the timeout's timer is running, or the move would not count towards it.
/// </summary>
public sealed class TimerCountingClock(FakeTimeProvider clock) : TimeProvider
{
    private readonly ConcurrentDictionary<TimeSpan, int> _started = new();

    public int Started(TimeSpan dueTime) => _started.GetValueOrDefault(dueTime);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        _started.AddOrUpdate(dueTime, 1, (_, count) => count + 1);
        return timer;
    }
}
