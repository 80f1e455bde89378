using System.Net;
using System.Text.Json;
using ConnectMock.Contacts;
using ConnectMock.Tests.Connect;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.Participant;

/// <summary>
/// The participant timers of UpdateParticipantRoleConfig, as the customer's socket and transcript show them, driven
/// by the test clock: participant.idle, participant.returned, participant.autodisconnection.
/// </summary>
public sealed class ChatTimerTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string IdleType = "application/vnd.amazonaws.connect.event.participant.idle";
    private const string ReturnedType = "application/vnd.amazonaws.connect.event.participant.returned";
    private const string AutoDisconnectionType = "application/vnd.amazonaws.connect.event.participant.autodisconnection";

    private ChatTimers Timers => App.Services.GetRequiredService<ChatTimers>();

    [Fact]
    public async Task CustomerIdle_FallsDueAfterItsMinutes_AsAnEventOnTheSocketInChatjsShape()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "5"));
        var (chat, socket, _) = timed;
        var joinedAt = App.Clock.GetUtcNow();

        App.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        await AgentSaysAsync(chat, "probe");
        Assert.Equal("probe", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var idle = await socket.NextItemAsync();
        Assert.Equal(
            ["AbsoluteTime", "ContentType", "Id", "Type", "ParticipantId", "DisplayName", "ParticipantRole", "InitialContactId", "ContactId"],
            idle.EnumerateObject().Select(p => p.Name));
        Assert.Equal(IdleType, idle.GetProperty("ContentType").GetString());
        Assert.Equal("EVENT", idle.GetProperty("Type").GetString());
        Assert.Equal(chat.ParticipantId, idle.GetProperty("ParticipantId").GetString());
        Assert.Equal("CUSTOMER", idle.GetProperty("ParticipantRole").GetString());
        Assert.Equal(Requests.Minimal()["ParticipantDetails"]!["DisplayName"]!.GetValue<string>(), idle.GetProperty("DisplayName").GetString());
        Assert.Equal(chat.ContactId, idle.GetProperty("InitialContactId").GetString());
        Assert.Equal(chat.ContactId, idle.GetProperty("ContactId").GetString());
        Assert.Equal(Wire.Iso(joinedAt + TimeSpan.FromMinutes(5)), idle.GetProperty("AbsoluteTime").GetString());
        Assert.True(Timers.IsIdle(Guid.Parse(chat.ContactId), Guid.Parse(chat.ParticipantId)));
    }

    [Fact]
    public async Task TheControlPlanesClockAdvance_FiresTheTimers_BeforeItAnswers()
    {
        await using var timed = await ChatWithAgentAsync(("AGENT", "IDLE", "2"), ("AGENT", "DISCONNECT_NONCUSTOMER", "2"));
        var (_, socket, agentId) = timed;

        var advanced = await Client.ControlAsync(HttpMethod.Post, "/clock/advance", """{"by":"PT4M"}""");

        Assert.True(advanced.Status == HttpStatusCode.OK, advanced.Body);
        Assert.Equal(2, advanced.Json.GetProperty("firedTimers").GetInt32());
        Assert.Equal(0, Timers.Scheduled);
        var idle = await socket.NextItemAsync();
        Assert.Equal((IdleType, agentId), (idle.GetProperty("ContentType").GetString(), idle.GetProperty("ParticipantId").GetString()));
        var disconnection = await socket.NextItemAsync();
        Assert.Equal((AutoDisconnectionType, agentId), (disconnection.GetProperty("ContentType").GetString(), disconnection.GetProperty("ParticipantId").GetString()));
        Assert.Equal(TimeSpan.FromMinutes(2), DateTimeOffset.Parse(disconnection.GetProperty("AbsoluteTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(idle.GetProperty("AbsoluteTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task IdleAndReturned_AreNotKeptInTheTranscript()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "2"));
        var (chat, socket, _) = timed;
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await chat.SendMessageAsync("back");

        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal("back", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        Assert.Equal(ReturnedType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var transcript = await chat.TranscriptAsync();
        Assert.DoesNotContain(transcript, i => i.GetProperty("ContentType").GetString() is IdleType or ReturnedType);
        Assert.Contains(transcript, i => i.TryGetProperty("Content", out var c) && c.GetString() == "back");
    }

    [Fact]
    public async Task IdleCustomer_WhoWrites_HasReturned_AndItsIdleTimerStartsOver()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "5"));
        var (chat, socket, _) = timed;
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        await chat.SendMessageAsync("still here");
        var wroteAt = App.Clock.GetUtcNow();

        Assert.Equal("still here", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        var returned = await socket.NextItemAsync();
        Assert.Equal(ReturnedType, returned.GetProperty("ContentType").GetString());
        Assert.Equal(chat.ParticipantId, returned.GetProperty("ParticipantId").GetString());
        Assert.Equal("CUSTOMER", returned.GetProperty("ParticipantRole").GetString());
        Assert.Equal("EVENT", returned.GetProperty("Type").GetString());
        Assert.False(Timers.IsIdle(Guid.Parse(chat.ContactId), Guid.Parse(chat.ParticipantId)));

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await socket.NextItemAsync();
        Assert.Equal(IdleType, again.GetProperty("ContentType").GetString());
        Assert.Equal(Wire.Iso(wroteAt + TimeSpan.FromMinutes(5)), again.GetProperty("AbsoluteTime").GetString());
    }

    [Fact]
    public async Task AMessageBeforeTheIdleTime_ResetsTheTimer_WithoutAReturnedEvent()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "5"));
        var (chat, socket, _) = timed;
        App.Clock.Advance(TimeSpan.FromMinutes(4));
        await chat.SendMessageAsync("typing slowly");
        Assert.Equal("typing slowly", (await socket.NextItemAsync()).GetProperty("Content").GetString());

        App.Clock.Advance(TimeSpan.FromMinutes(4));
        await AgentSaysAsync(chat, "probe");

        Assert.Equal("probe", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
    }

    [Fact]
    public async Task TypingAndReceipts_DoNotResetTheIdleTimer()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "5"));
        var (chat, socket, _) = timed;
        var said = await AgentSaysAsync(chat, "hello");
        Assert.Equal("hello", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/event", """{"ContentType":"application/vnd.amazonaws.connect.event.typing"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/event", $$"""{"ContentType":"application/vnd.amazonaws.connect.event.message.read","Content":"{\"messageId\":\"{{said}}\"}"}""")).Status);
        Assert.Equal("application/vnd.amazonaws.connect.event.typing", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal("MESSAGEMETADATA", (await socket.NextItemAsync()).GetProperty("Type").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
    }

    [Fact]
    public async Task AutoDisconnect_IsCountedFromIdle_AndDisconnectsTheAgent()
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "2"), ("CUSTOMER", "DISCONNECT_NONCUSTOMER", "3"));
        var (chat, socket, agentId) = timed;
        var joinedAt = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());

        App.Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Timers.Scheduled);
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var disconnection = await socket.NextItemAsync();
        Assert.Equal(AutoDisconnectionType, disconnection.GetProperty("ContentType").GetString());
        Assert.Equal("EVENT", disconnection.GetProperty("Type").GetString());
        Assert.Equal(agentId, disconnection.GetProperty("ParticipantId").GetString());
        Assert.Equal("AGENT", disconnection.GetProperty("ParticipantRole").GetString());
        Assert.Equal("Alex", disconnection.GetProperty("DisplayName").GetString());
        Assert.Equal(Wire.Iso(joinedAt + TimeSpan.FromMinutes(5)), disconnection.GetProperty("AbsoluteTime").GetString());
        var left = await socket.NextItemAsync();
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.left", left.GetProperty("ContentType").GetString());
        Assert.Equal(agentId, left.GetProperty("ParticipantId").GetString());
        Assert.Equal(0, Timers.Scheduled);
        Assert.DoesNotContain(await Client.ControlTranscriptAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == AutoDisconnectionType);
    }

    [Fact]
    public async Task AutoDisconnect_AloneForARole_StartsAtOnce()
    {
        await using var timed = await ChatWithAgentAsync(("AGENT", "DISCONNECT_NONCUSTOMER", "2"));
        var (_, socket, agentId) = timed;

        App.Clock.Advance(TimeSpan.FromMinutes(2));

        var disconnection = await socket.NextItemAsync();
        Assert.Equal(AutoDisconnectionType, disconnection.GetProperty("ContentType").GetString());
        Assert.Equal(agentId, disconnection.GetProperty("ParticipantId").GetString());
    }

    [Fact]
    public async Task AgentIdle_IsResetByTheAgentsMessages_NotByTheCustomers()
    {
        await using var timed = await ChatWithAgentAsync(("AGENT", "IDLE", "3"));
        var (chat, socket, agentId) = timed;
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await AgentSaysAsync(chat, "checking");
        Assert.Equal("checking", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await chat.SendMessageAsync("any news?");
        Assert.Equal("any news?", (await socket.NextItemAsync()).GetProperty("Content").GetString());

        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var idle = await socket.NextItemAsync();
        Assert.Equal(IdleType, idle.GetProperty("ContentType").GetString());
        Assert.Equal(agentId, idle.GetProperty("ParticipantId").GetString());
        Assert.Equal("AGENT", idle.GetProperty("ParticipantRole").GetString());
        await AgentSaysAsync(chat, "found it");
        Assert.Equal("found it", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        var returned = await socket.NextItemAsync();
        Assert.Equal(ReturnedType, returned.GetProperty("ContentType").GetString());
        Assert.Equal(agentId, returned.GetProperty("ParticipantId").GetString());
    }

    [Fact]
    public async Task AnAttachment_ResetsItsSendersTimer()
    {
        await using var timed = await ChatWithAgentAsync(("AGENT", "IDLE", "3"));
        var (chat, socket, _) = timed;
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var sent = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/attachments",
            """{"name":"invoice.txt","contentType":"text/plain","contentBase64":"aGVsbG8="}""");
        Assert.True(sent.Status == HttpStatusCode.Created, sent.Body);
        Assert.Equal("ATTACHMENT", (await socket.NextItemAsync()).GetProperty("Type").GetString());

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await chat.SendMessageAsync("probe");
        Assert.Equal("probe", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(IdleType, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
    }

    [Fact]
    public async Task Timers_DoNotRunBeforeAnAgentJoins()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        await UpdateAsync(chat.ContactId, ("CUSTOMER", "IDLE", "2"));
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, Timers.Scheduled);

        await JoinAgentAsync(chat.ContactId);
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.joined", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var joinedAt = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        var idle = await socket.NextItemAsync();
        Assert.Equal(IdleType, idle.GetProperty("ContentType").GetString());
        Assert.Equal(Wire.Iso(joinedAt + TimeSpan.FromMinutes(2)), idle.GetProperty("AbsoluteTime").GetString());
    }

    [Fact]
    public async Task AChatWithoutSettings_HasNoTimerAtAll()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        await JoinAgentAsync(chat.ContactId);
        await AgentSaysAsync(chat, "hi");
        await chat.SendMessageAsync("hello");

        Assert.Equal(0, Timers.Scheduled);
    }

    [Fact]
    public async Task SettingsChangedWhileTheAgentIsConnected_WaitForTheNextAgent()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        await JoinAgentAsync(chat.ContactId);
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.joined", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());

        await UpdateAsync(chat.ContactId, ("CUSTOMER", "IDLE", "2"));
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await AgentSaysAsync(chat, "probe");

        Assert.Equal("probe", (await socket.NextItemAsync()).GetProperty("Content").GetString());
        Assert.Equal(0, Timers.Scheduled);
    }

    [Fact]
    public async Task UnsetTimers_AreNotRun()
    {
        var chat = await NewChat().StartAsync();
        await UpdateAsync(chat.ContactId, ("CUSTOMER", "IDLE", "2"));
        await UpdateAsync(chat.ContactId, ("CUSTOMER", "IDLE", "\"Unset\""));

        await JoinAgentAsync(chat.ContactId);

        Assert.Equal(0, Timers.Scheduled);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("end")]
    [InlineData("agentLeaves")]
    [InlineData("customerLeaves")]
    [InlineData("reset")]
    [InlineData("expired")]
    public async Task Timers_AreDisposed_WhenTheChatOrAParticipantGoes(string how)
    {
        await using var timed = await ChatWithAgentAsync(("CUSTOMER", "IDLE", "5"), ("AGENT", "IDLE", "5"));
        var chat = timed.Chat;
        Assert.Equal(2, Timers.Scheduled);

        switch (how)
        {
            case "stop":
                await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"InstanceId":"{{Requests.InstanceId}}","ContactId":"{{chat.ContactId}}"}"""));
                break;
            case "end":
                await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/end");
                break;
            case "agentLeaves":
                await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent");
                break;
            case "customerLeaves":
                await chat.CallAsync("/participant/disconnect", "{}");
                break;
            case "reset":
                await Client.ControlAsync(HttpMethod.Post, "/reset");
                break;
            default:
                App.Clock.Advance(TimeSpan.FromHours(25) - TimeSpan.FromMinutes(1));
                break;
        }

        if (how == "expired")
        {
            // Past its duration the chat is over: the timers that fall due find it so and stop, without an event.
            App.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(0, Timers.Scheduled);
        Assert.DoesNotContain(await TranscriptOrEmptyAsync(chat.ContactId), i => i.GetProperty("ContentType").GetString() == IdleType);
    }

    private async Task<IReadOnlyList<JsonElement>> TranscriptOrEmptyAsync(string contactId)
    {
        var response = await Client.ControlAsync(HttpMethod.Get, $"/contacts/{contactId}/transcript");
        return response.Status == HttpStatusCode.OK ? [.. response.Json.GetProperty("Transcript").EnumerateArray()] : [];
    }

    /// <summary>A chat with these timers, its customer's socket open, and the agent Alex joined (and heard).</summary>
    private async Task<TimedChat> ChatWithAgentAsync(params (string Role, string Type, string Value)[] timers)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await UpdateAsync(chat.ContactId, timers);
        var socket = await chat.OpenSocketAsync();
        var agentId = await JoinAgentAsync(chat.ContactId);
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.joined", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        return new TimedChat(chat, socket, agentId);
    }

    private async Task UpdateAsync(string contactId, params (string Role, string Type, string Value)[] timers)
    {
        var response = await Client.SendAsync(HttpMethod.Put, $"/contact/participant-role-config/{Requests.InstanceId}/{contactId}",
            Wire.Json(UpdateParticipantRoleConfigTests.Timers(timers)));
        Assert.True(response.Status == HttpStatusCode.OK, response.Body);
    }

    private async Task<string> JoinAgentAsync(string contactId)
    {
        var joined = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{contactId}/agent", """{"displayName":"Alex"}""");
        Assert.True(joined.Status == HttpStatusCode.Created, joined.Body);
        return joined.Json.GetProperty("participantId").GetString()!;
    }

    private async Task<string> AgentSaysAsync(ChatDriver chat, string content)
    {
        var said = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", JsonSerializer.Serialize(new { content }));
        Assert.True(said.Status == HttpStatusCode.Created, said.Body);
        return said.Json.GetProperty("id").GetString()!;
    }

    private sealed record TimedChat(ChatDriver Chat, ChatSocket Socket, string AgentId) : IAsyncDisposable
    {
        public void Deconstruct(out ChatDriver chat, out ChatSocket socket, out string agentId) => (chat, socket, agentId) = (Chat, Socket, AgentId);

        public ValueTask DisposeAsync() => Socket.DisposeAsync();
    }
}
