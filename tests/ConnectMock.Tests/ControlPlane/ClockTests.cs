using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>
/// The service's clock through the control plane: frozen, advanced (every timer due on the way fired before the call
/// answers) and back to real time, with what clients then see of deadlines, expiry and token lifetimes.
/// </summary>
public sealed class ClockTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string ChatEnded = "application/vnd.amazonaws.connect.event.chat.ended";

    [Fact]
    public async Task Clock_ByDefault_RunsWithTheSystemClock()
    {
        var clock = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json;

        Assert.False(clock.GetProperty("frozen").GetBoolean());
        Assert.Equal(0, clock.GetProperty("offsetMilliseconds").GetDouble());
        Assert.Equal(App.Clock.GetUtcNow(), clock.GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task Freeze_StopsTimeForEveryTimestamp_UntilAdvanced()
    {
        var frozen = await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var at = frozen.Json.GetProperty("now").GetDateTimeOffset();
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await chat.SendMessageAsync("hello");

        Assert.Equal(HttpStatusCode.OK, frozen.Status);
        Assert.True(frozen.Json.GetProperty("frozen").GetBoolean());
        Assert.All(await chat.TranscriptAsync(), item => Assert.Equal(Wire.Iso(at), item.GetProperty("AbsoluteTime").GetString()));
    }

    [Fact]
    public async Task Advance_PastAChatsDuration_EndsItBeforeAnswering()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        var started = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("now").GetDateTimeOffset();

        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT61M"}""");
        var transcript = await Client.ControlTranscriptAsync(chat.ContactId);

        Assert.Equal(HttpStatusCode.OK, advanced.Status);
        Assert.True(advanced.Json.GetProperty("firedTimers").GetInt32() >= 1);
        Assert.Equal(started.AddMinutes(61), advanced.Json.GetProperty("now").GetDateTimeOffset());
        var ended = Assert.Single(transcript, i => i.GetProperty("ContentType").GetString() == ChatEnded);
        Assert.Equal(Wire.Iso(started.AddMinutes(60)), ended.GetProperty("AbsoluteTime").GetString());
        Assert.Equal(ChatEnded, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{chat.ContactId}")).Json.GetProperty("Contact");
        Assert.Equal("EXPIRED", contact.GetProperty("DisconnectReason").GetString());
        Assert.Equal(started.AddMinutes(60).ToUnixTimeSeconds(), contact.GetProperty("DisconnectTimestamp").GetDecimal());
    }

    [Fact]
    public async Task Advance_SevenDays_EndsTheLongestChatAtItsTime_WithTimersFiredInOrder()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var started = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("now").GetDateTimeOffset();
        var week = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 10_080))).ConnectAsync();
        var hour = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        var day = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 1440))).ConnectAsync();

        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"P7D"}""");

        Assert.Equal(3, advanced.Json.GetProperty("firedTimers").GetInt32());
        Assert.Equal(0, advanced.Json.GetProperty("pendingTimers").GetInt32());
        var endings = new List<(DateTimeOffset At, string ContactId)>();
        foreach (var chat in new[] { week, hour, day })
        {
            var ended = (await Client.ControlTranscriptAsync(chat.ContactId)).Single(i => i.GetProperty("ContentType").GetString() == ChatEnded);
            endings.Add((ended.GetProperty("AbsoluteTime").GetDateTimeOffset(), chat.ContactId));
        }

        Assert.Equal([started.AddHours(1), started.AddDays(1), started.AddDays(7)], endings.Select(e => e.At).Order());
        Assert.Equal(started.AddDays(7), endings.Single(e => e.ContactId == week.ContactId).At);
    }

    [Fact]
    public async Task Advance_FiveMinutes_EndsAStartedChatWhoseCustomerNeverConnected()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var waiting = await NewChat().StartAsync();
        var connected = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{waiting.ContactId}/agent", "{}");
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{connected.ContactId}/agent", "{}");

        await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT4M59S"}""");
        var before = await Client.ControlTranscriptAsync(waiting.ContactId);
        await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT1S"}""");
        var after = await Client.ControlTranscriptAsync(waiting.ContactId);

        Assert.DoesNotContain(before, i => i.GetProperty("ContentType").GetString() == ChatEnded);
        Assert.Contains(after, i => i.GetProperty("ContentType").GetString() == ChatEnded);
        Assert.DoesNotContain(await Client.ControlTranscriptAsync(connected.ContactId), i => i.GetProperty("ContentType").GetString() == ChatEnded);
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{waiting.ContactId}")).Json.GetProperty("Contact");
        Assert.Equal("CUSTOMER_CONNECTION_NOT_ESTABLISHED", contact.GetProperty("DisconnectReason").GetString());
        var refused = await waiting.CallAsync("/participant/connection", """{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]}""", waiting.ParticipantToken);
        AwsAssert.Error(refused, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Fact]
    public async Task Advance_ADay_ExpiresTheConnectionToken()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 10_080))).ConnectAsync();

        await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT23H59M59S"}""");
        var stillValid = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"still here"}""");
        await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT1S"}""");
        var expired = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"too late"}""");

        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
        AwsAssert.Error(expired, HttpStatusCode.Forbidden, "AccessDeniedException");
        await chat.ConnectAsync();
        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"new token"}""")).Status);
    }

    [Fact]
    public async Task Advance_100Seconds_ExpiresTheWebSocketUrl()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT100S"}""");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => App.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(chat.WebSocketUrl), TestContext.Current.CancellationToken));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        await chat.ConnectAsync();
        await using var fresh = await chat.OpenSocketAsync();
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, fresh.Socket.State);
    }

    [Fact]
    public async Task Real_AfterFreezeAndAdvance_ReturnsToTheSystemClock()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"2027-01-01T00:00:00Z"}""");
        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT1H"}""");

        var real = await Client.ControlAsync(HttpMethod.Post, "/clock/real");

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero), advanced.Json.GetProperty("now").GetDateTimeOffset());
        Assert.False(real.Json.GetProperty("frozen").GetBoolean());
        Assert.Equal(0, real.Json.GetProperty("offsetMilliseconds").GetDouble());
        Assert.Equal(App.Clock.GetUtcNow(), real.Json.GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task Advance_WhileRunning_KeepsRunningFromTheNewTime()
    {
        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT2H"}""");
        App.Clock.Advance(TimeSpan.FromSeconds(5));
        var later = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json;

        Assert.False(advanced.Json.GetProperty("frozen").GetBoolean());
        Assert.Equal(TimeSpan.FromHours(2).TotalMilliseconds, advanced.Json.GetProperty("offsetMilliseconds").GetDouble());
        Assert.Equal(App.Clock.GetUtcNow().AddHours(2), later.GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reset_ReturnsTheClockToRealTime()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"2030-01-01T00:00:00Z"}""");

        await Client.ControlAsync(HttpMethod.Post, "/reset");
        var clock = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json;

        Assert.False(clock.GetProperty("frozen").GetBoolean());
        Assert.Equal(App.Clock.GetUtcNow(), clock.GetProperty("now").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("{}", "by is required")]
    [InlineData("""{"by":"PT0S"}""", "by must be")]
    [InlineData("""{"by":"-PT1M"}""", "by must be")]
    [InlineData("""{"by":"P1Y"}""", "by must be")]
    [InlineData("""{"by":"PT"}""", "by must be")]
    [InlineData("""{"by":"61 minutes"}""", "by must be")]
    [InlineData("""{"by":"P3651D"}""", "by must be")]
    [InlineData("""{"by":61}""", "by")]
    [InlineData("not json", "JSON")]
    public async Task Advance_WithABadDuration_Is400NamingBy_AndMovesNothing(string body, string message)
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze");
        var before = (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("now").GetDateTimeOffset();

        var response = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Json.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await Client.ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task Freeze_WithATimeThatIsNotOne_Is400NamingAt()
    {
        var response = await Client.ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"tomorrow"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("at", response.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False((await Client.ControlAsync(HttpMethod.Get, "/clock")).Json.GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Advance_OfPartsOfASecond_IsExact()
    {
        await Client.ControlAsync(HttpMethod.Post, "/clock/freeze", """{"at":"2027-01-01T00:00:00Z"}""");

        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"P1DT1H1M1.5S"}""");

        Assert.Equal(new DateTimeOffset(2027, 1, 2, 1, 1, 1, 500, TimeSpan.Zero), advanced.Json.GetProperty("now").GetDateTimeOffset());
    }
}
