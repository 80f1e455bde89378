using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

public sealed class AgentSimulationTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task Agent_JoinsWritesAndReads_AllInTheTranscript()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var customerMessage = await chat.SendMessageAsync("my order is late");

        var joined = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex (Agent)"}""");
        var said = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"**On it**","contentType":"text/markdown"}""");
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/events", $$"""{"contentType":"read","messageId":"{{customerMessage}}"}""");

        Assert.Equal(HttpStatusCode.Created, joined.Status);
        Assert.Equal("Alex (Agent)", joined.Json.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.Created, said.Status);
        var transcript = await chat.TranscriptAsync();
        Assert.Equal(["CUSTOMER", "CUSTOMER", "AGENT", "AGENT"], transcript.Where(i => i.TryGetProperty("ParticipantRole", out _)).Select(i => i.GetProperty("ParticipantRole").GetString()));
        Assert.Equal("**On it**", transcript.Single(i => i.TryGetProperty("Content", out var c) && c.GetString() == "**On it**").GetProperty("Content").GetString());
        var read = transcript.Single(i => i.GetProperty("Id").GetString() == customerMessage).GetProperty("MessageMetadata");
        Assert.Equal(joined.Json.GetProperty("participantId").GetString(), read.GetProperty("Receipts")[0].GetProperty("RecipientParticipantId").GetString());
        Assert.Equal(transcript.Count, (await Client.ControlTranscriptAsync(chat.ContactId)).Count);
    }

    [Fact]
    public async Task Agent_WithoutJoining_CannotWrite()
    {
        var chat = await NewChat().StartAsync();

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"hi"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("No agent is in the chat: make one join first.", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Agent_InAnEndedChat_CannotJoin()
    {
        var chat = await NewChat().StartAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/end");

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", "{}");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("The chat has ended.", response.Json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/agent/messages", """{"content":""}""", "content is required.")]
    [InlineData("/agent/events", """{"contentType":"dancing"}""", "contentType must be typing, read or delivered.")]
    public async Task Agent_InvalidCalls_ArePlainJson400(string path, string body, string error)
    {
        var chat = await NewChat().StartAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", "{}");

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}{path}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Agent_ForAnUnknownContact_IsAPlainJson404()
    {
        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{Guid.NewGuid()}/agent", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}

public sealed class BotFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Chat:Bot:Enabled", "true"),
        new("ConnectMock:Chat:Bot:DelayMs", "0"),
        new("ConnectMock:Chat:Bot:Greeting", "Hi, I am a bot."),
        new("ConnectMock:Chat:Bot:Reply", "Echo: {message}"),
    ];
}

public sealed class ChatBotTests(BotFactory app) : ConnectMockTest<BotFactory>(app)
{
    [Fact]
    public async Task Bot_GreetsAndEchoesTheCustomer()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("ping");
        Assert.Equal("ping", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        var answer = await socket.NextItemAsync();

        Assert.Equal("Echo: ping", answer.GetProperty("Content").GetString());
        Assert.Equal("SYSTEM", answer.GetProperty("ParticipantRole").GetString());
        var transcript = await chat.TranscriptAsync();
        Assert.Contains(transcript, i => i.TryGetProperty("Content", out var c) && c.GetString() == "Hi, I am a bot.");
    }
}

public sealed class SlowBotFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("ConnectMock:Chat:Bot:Enabled", "true"), new("ConnectMock:Chat:Bot:DelayMs", "2000"), new("ConnectMock:Chat:Bot:Greeting", "")];
}

public sealed class SlowBotTests(SlowBotFactory app) : ConnectMockTest<SlowBotFactory>(app)
{
    [Fact]
    public async Task Bot_AnswersOnlyAfterItsDelay()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        await chat.SendMessageAsync("are you there?");
        await socket.NextItemAsync();

        App.Clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.NextItemAsync(timeoutMs: 300));
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("You said: are you there?", (await socket.NextItemAsync()).GetProperty("Content").GetString());
    }
}
