using System.Net;
using System.Net.WebSockets;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

/// <summary>The WebSocket as amazon-connect-chatjs 5.0.0 uses it (frames taken from its source and checked against it).</summary>
public sealed class ChatWebSocketTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Socket_AnswersSubscribeHeartbeatAndPingAsChatjsExpects()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync(subscribe: false);

        await socket.SendAsync("""{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}""");
        var subscribed = await socket.ReceiveAsync();
        await socket.SendAsync("""{"topic":"aws/ping"}""");
        var ping = await socket.ReceiveAsync();
        await socket.SendAsync("""{"topic":"aws/heartbeat"}""");
        var heartbeat = await socket.ReceiveAsync();

        Assert.Equal("""{"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}}""", subscribed.GetRawText());
        Assert.Equal("""{"topic":"aws/ping","statusCode":200,"statusContent":"OK"}""", ping.GetRawText());
        Assert.Equal("""{"topic":"aws/heartbeat"}""", heartbeat.GetRawText());
    }

    [Fact]
    public async Task Socket_DeliversMessagesOfEveryParticipantAsAwsChatItems()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        var sent = await chat.SendMessageAsync("hello");
        var own = await socket.NextItemAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex"}""");
        var joined = await socket.NextItemAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"Hi Jane"}""");
        var reply = await socket.NextItemAsync();

        Assert.Equal(sent, own.GetProperty("Id").GetString());
        Assert.Equal("hello", own.GetProperty("Content").GetString());
        Assert.Equal(chat.ContactId, own.GetProperty("ContactId").GetString());
        Assert.Equal(chat.ContactId, own.GetProperty("InitialContactId").GetString());
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.joined", joined.GetProperty("ContentType").GetString());
        Assert.Equal("AGENT", joined.GetProperty("ParticipantRole").GetString());
        Assert.Equal("Alex", joined.GetProperty("DisplayName").GetString());
        Assert.Equal("MESSAGE", reply.GetProperty("Type").GetString());
        Assert.Equal("Hi Jane", reply.GetProperty("Content").GetString());
        Assert.Equal("AGENT", reply.GetProperty("ParticipantRole").GetString());
    }

    [Fact]
    public async Task Socket_WritesTheItemStringAsAwsDoes_QuotesAsBackslashQuote_TextAsItIs()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("say \"hi\" to café ☕ <b>&'");
        string frame;
        do
        {
            frame = (await socket.ReceiveAsync()).GetRawText();
        }
        while (!frame.Contains("say", StringComparison.Ordinal));

        // The item's JSON escaped once more as the frame's "content" string: \" in the item becomes \\\".
        Assert.StartsWith("{\"content\":\"{\\\"", frame, StringComparison.Ordinal);
        Assert.Contains("""\"Content\":\"say \\\"hi\\\" to café ☕ <b>&'\",""", frame, StringComparison.Ordinal);
        Assert.EndsWith("""}","contentType":"application/json","topic":"aws/chat"}""", frame, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Socket_DeliversTypingAndReceiptsAsChatjsReadsThem()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        var message = await chat.SendMessageAsync("did you read this?");
        await socket.NextItemAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", "{}");
        var agentId = (await socket.NextItemAsync()).GetProperty("ParticipantId").GetString();

        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/events", """{"contentType":"typing"}""");
        var typing = await socket.NextItemAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/events", $$"""{"contentType":"read","messageId":"{{message}}"}""");
        var read = await socket.NextItemAsync();

        Assert.Equal("EVENT", typing.GetProperty("Type").GetString());
        Assert.Equal("application/vnd.amazonaws.connect.event.typing", typing.GetProperty("ContentType").GetString());
        Assert.Equal("MESSAGEMETADATA", read.GetProperty("Type").GetString());
        Assert.Equal(message, read.GetProperty("MessageMetadata").GetProperty("MessageId").GetString());
        var receipt = read.GetProperty("MessageMetadata").GetProperty("Receipts")[0];
        Assert.Equal(agentId, receipt.GetProperty("RecipientParticipantId").GetString());
        Assert.True(receipt.TryGetProperty("ReadTimestamp", out _));
    }

    [Fact]
    public async Task Socket_BeforeSubscribing_GetsNoItems()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync(subscribe: false);

        await chat.SendMessageAsync("unseen");
        await socket.SendAsync("""{"topic":"aws/heartbeat"}""");

        Assert.Equal("aws/heartbeat", (await socket.ReceiveAsync()).GetProperty("topic").GetString());
    }

    [Fact]
    public async Task CustomerDisconnect_SendsLeftThenEndedThenClosesWith1000()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.CallAsync("/participant/disconnect", "{}");

        Assert.Equal("application/vnd.amazonaws.connect.event.participant.left", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var ended = await socket.NextItemAsync();
        Assert.Equal("application/vnd.amazonaws.connect.event.chat.ended", ended.GetProperty("ContentType").GetString());
        Assert.Equal(chat.ContactId, ended.GetProperty("ContactId").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync());
    }

    [Fact]
    public async Task StopContact_EndsTheChatForOpenSockets()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await Client.SendAsync(HttpMethod.Post, "/contact/stop",
            Wire.Json($$"""{"ContactId":"{{chat.ContactId}}","InstanceId":"11111111-2222-3333-4444-555555555555"}"""));

        Assert.Equal("application/vnd.amazonaws.connect.event.chat.ended", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync());
    }

    [Fact]
    public async Task AgentLeaving_EndsTheChat()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", "{}");
        await socket.NextItemAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent")).Status);

        var left = await socket.NextItemAsync();
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.left", left.GetProperty("ContentType").GetString());
        Assert.Equal("AGENT", left.GetProperty("ParticipantRole").GetString());
        Assert.Equal("application/vnd.amazonaws.connect.event.chat.ended", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
    }

    [Fact]
    public async Task ChatPastItsDuration_EndsForOpenSockets()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ChatDurationInMinutes", 60))).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Equal("application/vnd.amazonaws.connect.event.chat.ended", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal("EXPIRED", (await Client.SendAsync(HttpMethod.Get, $"/contacts/11111111-2222-3333-4444-555555555555/{chat.ContactId}"))
            .Json.GetProperty("Contact").GetProperty("DisconnectReason").GetString());
    }

    [Fact]
    public async Task Socket_WithABadOrExpiredUrlToken_IsRefused()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var bad = await Assert.ThrowsAnyAsync<Exception>(() => App.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri("ws://127.0.0.1/chat/websocket?token=forged"), TestContext.Current.CancellationToken));
        App.Clock.Advance(TimeSpan.FromSeconds(100));
        var expired = await Assert.ThrowsAnyAsync<Exception>(() => App.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(chat.WebSocketUrl), TestContext.Current.CancellationToken));

        Assert.Contains("403", bad.Message, StringComparison.Ordinal);
        Assert.Contains("403", expired.Message, StringComparison.Ordinal);
    }
}
