using System.Net;
using System.Net.WebSockets;
using ConnectMock.Contacts;
using ConnectMock.Tests.Infrastructure;
using Serilog.Events;

namespace ConnectMock.Tests.Participant;

/// <summary>What a misbehaving or unlucky client does to a chat: the server stays bounded and quiet.</summary>
public sealed class ChatRobustnessTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Theory]
    [InlineData("""{"topic":1}""")]
    [InlineData("""{"topic":"aws/subscribe","content":"x"}""")]
    [InlineData("""{"topic":"aws/subscribe","content":{"topics":[1,{"a":2}]}}""")]
    [InlineData("""["aws/heartbeat"]""")]
    [InlineData("not json")]
    public async Task Socket_MalformedFrame_IsIgnoredAndTheSocketKeepsWorking(string frame)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await socket.SendAsync(frame);
        await socket.SendAsync("""{"topic":"aws/heartbeat"}""");

        var next = await socket.ReceiveAsync();
        Assert.True(next.GetProperty("topic").GetString() is "aws/heartbeat" or "aws/subscribe", next.GetRawText());
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        Assert.DoesNotContain(App.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Theory]
    [InlineData("""{"topic":"aws/ping"} {}""")]
    [InlineData("""{"topic":"aws/ping"}x""")]
    [InlineData("""{"topic":"aws/ping",""")]
    [InlineData("""{"topic":"aws/ping","topic":1}""")]
    [InlineData("""{"content":{"topic":"aws/ping"}}""")]
    [InlineData("""[{"topic":"aws/ping"}]""")]
    [InlineData("""{"topic":"aws/pingx"}""")]
    public async Task Socket_PingThatIsNotOneJsonObjectWithThatTopic_IsNotAnswered(string frame)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await socket.SendAsync(frame);
        await socket.SendAsync("""{"topic":"aws/heartbeat"}""");

        Assert.Equal("aws/heartbeat", (await socket.ReceiveAsync()).GetProperty("topic").GetString());
    }

    [Theory]
    [InlineData("""{"topic":"aws\/ping"}""")]
    [InlineData("""{"topic":"aws\u002Fping"}""")]
    [InlineData("""{"padding":[1,{"topic":"aws/heartbeat"},[]],"topic":"aws/ping"} """)]
    [InlineData("""{"topic":1,"topic":"aws/ping"}""")]
    public async Task Socket_PingWrittenAnyValidWay_IsAnswered(string frame)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await socket.SendAsync(frame);

        Assert.Equal("aws/ping", (await socket.ReceiveAsync()).GetProperty("topic").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3_000)]
    [InlineData(60_000)]
    public async Task Socket_FrameOfAnySizeWithinTheLimit_IsReadWhole(int padding)
    {
        // An idle socket holds no buffer; a frame is read into one taken from the pool, grown as it fills: the
        // answer shows that the whole frame was read, however large, and the empty frame before it was skipped.
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await socket.SendAsync("");
        await socket.SendAsync($$"""{"padding":"{{new string('x', padding)}}","topic":"aws/ping"}""");

        var answer = await socket.ReceiveAsync();
        Assert.Equal("aws/ping", answer.GetProperty("topic").GetString());
        Assert.Equal(200, answer.GetProperty("statusCode").GetInt32());
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task Socket_FrameOverTheLimit_IsClosedWith1009()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await socket.SendAsync($$"""{"topic":"aws/heartbeat","padding":"{{new string('x', 70_000)}}"}""");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ClosedAsync());
        Assert.DoesNotContain(App.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Sockets_BeyondFourPerParticipant_ReplaceTheOldest()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var sockets = new List<ChatSocket>();
        for (var i = 0; i < new ChatOptions().MaxSocketsPerParticipant + 2; i++)
        {
            sockets.Add(await (await chat.ConnectAsync()).OpenSocketAsync()); // a WebSocket URL opens one socket
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await sockets[0].ClosedAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await sockets[1].ClosedAsync());
        await chat.SendMessageAsync("to the newest four");
        foreach (var open in sockets.Skip(2))
        {
            Assert.Equal("to the newest four", (await open.NextItemAsync()).GetProperty("Content").GetString());
        }

        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reset_EndsTheChatsOfOpenSockets()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await Client.ControlAsync(HttpMethod.Post, "/reset");

        Assert.Equal("application/vnd.amazonaws.connect.event.chat.ended", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ClosedAsync());
    }

    [Fact]
    public async Task UpdateContactAttributes_Concurrent_NeverPassTheTotalTogether()
    {
        var contactId = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString())).ContactId;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Client.SendAsync(HttpMethod.Post, "/contact/attributes",
            Wire.Json($$"""{"InitialContactId":"{{contactId}}","InstanceId":"11111111-2222-3333-4444-555555555555","Attributes":{"k{{i}}":"{{Requests.Text(17_000)}}"} }"""))));

        Assert.Equal(1, responses.Count(r => r.Status == HttpStatusCode.OK));
        var attributes = (await Client.SendAsync(HttpMethod.Get, $"/contact/attributes/11111111-2222-3333-4444-555555555555/{contactId}")).Json.GetProperty("Attributes");
        Assert.Single(attributes.EnumerateObject());
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("braces")]
    [InlineData("digits")]
    public async Task ContactIds_InAnotherFormThanConnectWrites_NameNoContact(string form)
    {
        var contactId = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString())).ContactId;
        var other = form switch
        {
            "upper" => contactId.ToUpperInvariant(),
            "braces" => "{" + contactId + "}",
            _ => contactId.Replace("-", "", StringComparison.Ordinal),
        };

        var response = await Client.SendAsync(HttpMethod.Get, $"/contacts/11111111-2222-3333-4444-555555555555/{other}");

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task StartChatContact_EmptyClientToken_IsNoToken()
    {
        var first = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "").ToJsonString()));
        var second = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal(clientToken: "").ToJsonString()));

        Assert.NotEqual(first.ContactId, second.ContactId);
    }
}

public sealed class ShortTranscriptFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:Chat:MaxTranscriptItems", "10")];
}

public sealed class TrimmedTranscriptTests(ShortTranscriptFactory app) : ConnectMockTest<ShortTranscriptFactory>(app)
{
    [Fact]
    public async Task GetTranscript_PagingAfterOldItemsWereDropped_NeitherRepeatsNorSkips()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        for (var i = 1; i <= 12; i++)
        {
            await chat.SendMessageAsync($"m{i}");
        }

        var first = (await chat.CallAsync("/participant/transcript", """{"MaxResults":5,"SortOrder":"ASCENDING"}""")).Json;
        for (var i = 13; i <= 15; i++)
        {
            await chat.SendMessageAsync($"m{i}"); // drops m3..m5 from the front while the reader pages backward
        }

        var second = (await chat.CallAsync("/participant/transcript",
            $$"""{"MaxResults":5,"SortOrder":"ASCENDING","NextToken":"{{first.GetProperty("NextToken").GetString()}}"}""")).Json;

        Assert.Equal(["m8", "m9", "m10", "m11", "m12"], Contents(first));
        Assert.Equal(["m6", "m7"], Contents(second));
        Assert.False(second.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task ClientTokens_AreRememberedNoLongerThanTheTranscriptKeepsItems()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var first = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"one","ClientToken":"t-0"}""");
        for (var i = 1; i <= 10; i++)
        {
            await chat.CallAsync("/participant/message", $$"""{"ContentType":"text/plain","Content":"n","ClientToken":"t-{{i}}"}""");
        }

        var again = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"one","ClientToken":"t-0"}""");

        Assert.NotEqual(first.Json.GetProperty("Id").GetString(), again.Json.GetProperty("Id").GetString());
    }

    private static List<string?> Contents(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("Transcript").EnumerateArray().Select(i => i.GetProperty("Content").GetString())];
}
