using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>Messages from the contact flow: SYSTEM messages posted through the control plane.</summary>
public sealed class FlowMessageTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Flow_Messages_AreSystemMessages_FromOneParticipantOfTheChat()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        var first = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/flow/messages", """{"content":"You are number 2 in the queue."}""");
        var second = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/flow/messages", """{"content":"**Connecting you now.**","contentType":"text/markdown"}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        var queued = await socket.NextItemAsync();
        var connecting = await socket.NextItemAsync();
        Assert.Equal(("MESSAGE", "SYSTEM", "SYSTEM_MESSAGE", "text/plain", "You are number 2 in the queue."), (
            queued.GetProperty("Type").GetString(), queued.GetProperty("ParticipantRole").GetString(), queued.GetProperty("DisplayName").GetString(),
            queued.GetProperty("ContentType").GetString(), queued.GetProperty("Content").GetString()));
        Assert.Equal(first.Json.GetProperty("id").GetString(), queued.GetProperty("Id").GetString());
        Assert.Equal("text/markdown", connecting.GetProperty("ContentType").GetString());
        Assert.Equal(queued.GetProperty("ParticipantId").GetString(), connecting.GetProperty("ParticipantId").GetString());
        Assert.NotEqual(chat.ParticipantId, queued.GetProperty("ParticipantId").GetString());
        var transcript = await chat.TranscriptAsync();
        Assert.Equal(2, transcript.Count(i => i.TryGetProperty("ParticipantRole", out var role) && role.GetString() == "SYSTEM"));
    }

    [Theory]
    [InlineData("""{"content":""}""", "content is required.")]
    [InlineData("""{"content":"hi","contentType":"application/json"}""", "contentType must be one of text/plain, text/markdown.")]
    public async Task Flow_BadMessage_IsAPlainJson400(string body, string error)
    {
        var chat = await NewChat().StartAsync();

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/flow/messages", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Flow_MessageTooLong_IsAPlainJson400()
    {
        var chat = await NewChat().StartAsync();

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/flow/messages", JsonSerializer.Serialize(new { content = new string('a', 16_385) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("content is longer than", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Flow_MessageToAnEndedChat_IsRefused()
    {
        var chat = await NewChat().StartAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/end");

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/flow/messages", """{"content":"hello"}""");

        Assert.NotEqual(HttpStatusCode.Created, response.Status);
        Assert.True((int)response.Status is >= 400 and < 500, response.Body);
    }
}

/// <summary>The bot's replies streamed to a chat started with ResponseMode INCREMENTAL, as chatjs's PartialMessageUtil reads them.</summary>
public sealed class StreamedReplyTests(BotFactory app) : ConnectMockTest<BotFactory>(app)
{
    [Fact]
    public async Task Bot_InAnIncrementalChat_StreamsItsReply_InNumberedPartsThenTheCompletedMessage()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ParticipantConfiguration", new System.Text.Json.Nodes.JsonObject { ["ResponseMode"] = "INCREMENTAL" }))).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("where is my order number 42");
        await socket.NextItemAsync();
        List<JsonElement> parts = [];
        JsonElement last;
        do
        {
            last = await socket.NextItemAsync();
            parts.Add(last);
        }
        while (!last.GetProperty("MessageMetadata").GetProperty("MessageCompleted").GetBoolean());

        const string Reply = "Echo: where is my order number 42";
        Assert.Equal(["Echo: where is ", "my order number ", "42"], parts[..^1].Select(p => p.GetProperty("Content").GetString()));
        Assert.Equal([1, 2, 3, 4], parts.Select(p => p.GetProperty("MessageMetadata").GetProperty("ChunkNumber").GetInt32()));
        Assert.Equal([false, false, false, true], parts.Select(p => p.GetProperty("MessageMetadata").GetProperty("MessageCompleted").GetBoolean()));
        Assert.Single(parts.Select(p => p.GetProperty("Id").GetString()).Distinct());
        Assert.All(parts, p => Assert.Equal(("MESSAGE", "SYSTEM", "text/plain"), (p.GetProperty("Type").GetString(), p.GetProperty("ParticipantRole").GetString(), p.GetProperty("ContentType").GetString())));
        Assert.All(parts, p => Assert.Equal(p.GetProperty("Id").GetString(), p.GetProperty("MessageMetadata").GetProperty("MessageId").GetString()));
        Assert.Equal(Reply, last.GetProperty("Content").GetString());
        var kept = (await chat.TranscriptAsync()).Where(i => i.GetProperty("Id").GetString() == last.GetProperty("Id").GetString()).ToList();
        Assert.Equal(Reply, Assert.Single(kept).GetProperty("Content").GetString());
        Assert.True(kept[0].GetProperty("MessageMetadata").GetProperty("MessageCompleted").GetBoolean());
    }

    [Fact]
    public async Task Bot_InACompleteChat_SendsItsReplyWhole_WithNoMessageMetadata()
    {
        var chat = await (await NewChat().StartAsync(Requests.Minimal().With("ParticipantConfiguration", new System.Text.Json.Nodes.JsonObject { ["ResponseMode"] = "COMPLETE" }))).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("where is my order number 42");
        await socket.NextItemAsync();
        var answer = await socket.NextItemAsync();

        Assert.Equal("Echo: where is my order number 42", answer.GetProperty("Content").GetString());
        Assert.False(answer.TryGetProperty("MessageMetadata", out _));
    }
}
