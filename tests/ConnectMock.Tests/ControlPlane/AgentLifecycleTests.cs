using System.Net;
using System.Text.Json;
using ConnectMock.Contacts;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>The agent's side of a chat: leaving with or without ending it, the disconnect flow, transfers, invitations.</summary>
public sealed class AgentLifecycleTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Left = "application/vnd.amazonaws.connect.event.participant.left";
    private const string Joined = "application/vnd.amazonaws.connect.event.participant.joined";
    private const string Ended = "application/vnd.amazonaws.connect.event.chat.ended";

    [Fact]
    public async Task Agent_LeavingWithoutEndingTheChat_IsParticipantLeftOnly_AndTheCustomerCanStillSend()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        var leftAt = App.Clock.GetUtcNow();

        var left = await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endChat":false}""");

        Assert.Equal(HttpStatusCode.NoContent, left.Status);
        var item = await socket.NextItemAsync();
        Assert.Equal(Left, item.GetProperty("ContentType").GetString());
        Assert.Equal("AGENT", item.GetProperty("ParticipantRole").GetString());
        Assert.Equal("Alex (Agent)", item.GetProperty("DisplayName").GetString());
        var stillThere = await chat.SendMessageAsync("hello? anyone?");
        Assert.Equal(stillThere, (await socket.NextItemAsync()).GetProperty("Id").GetString());
        var contact = await DescribeAsync(chat.ContactId);
        Assert.False(contact.TryGetProperty("DisconnectTimestamp", out _));
        Assert.False(contact.TryGetProperty("DisconnectReason", out _));
        Assert.Equal(Seconds(leftAt), contact.GetProperty("LastUpdateTimestamp").GetDecimal());
        var transcript = await chat.TranscriptAsync();
        Assert.DoesNotContain(transcript, i => i.GetProperty("ContentType").GetString() == Ended);
        Assert.Contains(transcript, i => i.GetProperty("ContentType").GetString() == Left && i.GetProperty("ParticipantRole").GetString() == "AGENT");
    }

    [Fact]
    public async Task Agent_LeavingWithNoBody_EndsTheChat_AsAgentDisconnect()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;

        await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent");

        Assert.Equal(Left, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.Equal(Ended, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var contact = await DescribeAsync(chat.ContactId);
        Assert.Equal("AGENT_DISCONNECT", contact.GetProperty("DisconnectReason").GetString());
        Assert.Equal(Seconds(App.Clock.GetUtcNow()), contact.GetProperty("DisconnectTimestamp").GetDecimal());
    }

    [Fact]
    public async Task Agent_LeavingWithEndAfter_TheDisconnectFlowEndsTheChatWhenTheClockReachesIt()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        var leftAt = App.Clock.GetUtcNow();

        await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endChat":true,"endAfter":"PT2M"}""");
        Assert.Equal(Left, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        App.Clock.Advance(TimeSpan.FromSeconds(119));
        await chat.SendMessageAsync("still here");
        await socket.NextItemAsync();
        Assert.False((await DescribeAsync(chat.ContactId)).TryGetProperty("DisconnectTimestamp", out _));
        App.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Ended, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var contact = await DescribeAsync(chat.ContactId);
        Assert.Equal("CONTACT_FLOW_DISCONNECT", contact.GetProperty("DisconnectReason").GetString());
        Assert.Equal(Seconds(leftAt.AddMinutes(2)), contact.GetProperty("DisconnectTimestamp").GetDecimal());
    }

    [Fact]
    public async Task Agent_LeftWithEndAfter_TheCustomerLeavingFirst_IsCustomerDisconnect_AndTheFlowAddsNothing()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endAfter":"PT5M"}""");

        await chat.CallAsync("/participant/disconnect", "{}");
        App.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("CUSTOMER_DISCONNECT", (await DescribeAsync(chat.ContactId)).GetProperty("DisconnectReason").GetString());
        var transcript = await Client.ControlTranscriptAsync(chat.ContactId);
        Assert.Single(transcript, i => i.GetProperty("ContentType").GetString() == Ended);
    }

    [Fact]
    public async Task Agent_JoiningDuringTheDisconnectFlow_TakesTheChatFromIt()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endAfter":"PT1M"}""");

        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Sam (Agent)"}""");
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False((await DescribeAsync(chat.ContactId)).TryGetProperty("DisconnectTimestamp", out _));
        Assert.Equal(HttpStatusCode.Created, (await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"I'm here"}""")).Status);
    }

    [Fact]
    public async Task Agent_LeavingThroughTheDomainEntryPoint_WithAnAnnouncement_PostsItBeforeParticipantLeft()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        const string AutoDisconnection = "application/vnd.amazonaws.connect.event.participant.autodisconnection";

        App.Services.GetRequiredService<AgentSimulation>().Leave(Guid.Parse(chat.ContactId), new AgentDeparture(EndChat: false, Announcement: AutoDisconnection));

        var announced = await socket.NextItemAsync();
        Assert.Equal((AutoDisconnection, "AGENT"), (announced.GetProperty("ContentType").GetString(), announced.GetProperty("ParticipantRole").GetString()));
        Assert.Equal(Left, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        Assert.False((await DescribeAsync(chat.ContactId)).TryGetProperty("DisconnectTimestamp", out _));
    }

    [Theory]
    [InlineData("""{"endAfter":"two minutes"}""", "endAfter must be an ISO 8601 duration greater than zero and at most P7D, such as PT2M.")]
    [InlineData("""{"endAfter":"PT0S"}""", "endAfter must be an ISO 8601 duration greater than zero and at most P7D, such as PT2M.")]
    [InlineData("""{"endAfter":"P8D"}""", "endAfter must be an ISO 8601 duration greater than zero and at most P7D, such as PT2M.")]
    [InlineData("""{"endChat":false,"endAfter":"PT1M"}""", "endAfter is for a chat that ends: leave it out when endChat is false.")]
    [InlineData("""{"endChat":"yes"}""", "The body is not valid JSON for this call: check the value at $.endChat (line 1).")]
    public async Task Agent_LeavingWithABadBody_IsAPlainJson400_AndTheAgentStays(string body, string error)
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;

        var response = await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, response.Json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Created, (await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"still here"}""")).Status);
    }

    [Fact]
    public async Task Agent_LeavingWhenNoneJoined_IsAConflict()
    {
        var chat = await NewChat().StartAsync();

        var response = await Client.ControlAsync(HttpMethod.Delete, $"/contacts/{chat.ContactId}/agent", """{"endChat":false}""");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("No agent is in the chat: make one join first.", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DescribeContact_ShowsTheAgentWhoJoined_AsAgentInfo()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        Assert.False((await DescribeAsync(chat.ContactId)).TryGetProperty("AgentInfo", out _));
        App.Clock.Advance(TimeSpan.FromSeconds(42));
        var joinedAt = App.Clock.GetUtcNow();

        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex","agentId":"agent-7"}""");

        var contact = await DescribeAsync(chat.ContactId);
        var agent = contact.GetProperty("AgentInfo");
        Assert.Equal("agent-7", agent.GetProperty("Id").GetString());
        Assert.Equal(Seconds(joinedAt), agent.GetProperty("ConnectedToAgentTimestamp").GetDecimal());
        Assert.Equal(["ConnectedToAgentTimestamp", "Id"], agent.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(Seconds(joinedAt), contact.GetProperty("LastUpdateTimestamp").GetDecimal());
    }

    [Fact]
    public async Task Agent_Transferring_IsTransferSucceeded_TheAgentLeaves_AndTheNextJoins()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;
        App.Clock.Advance(TimeSpan.FromMinutes(3));

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/transfer", """{"displayName":"Sam (Agent)","agentId":"agent-sam"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("SUCCEEDED", response.Json.GetProperty("outcome").GetString());
        Assert.Equal("Sam (Agent)", response.Json.GetProperty("agent").GetProperty("displayName").GetString());
        Assert.Equal("application/vnd.amazonaws.connect.event.transfer.succeeded", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        var left = await socket.NextItemAsync();
        Assert.Equal((Left, "Alex (Agent)"), (left.GetProperty("ContentType").GetString(), left.GetProperty("DisplayName").GetString()));
        var joined = await socket.NextItemAsync();
        Assert.Equal((Joined, "Sam (Agent)", "AGENT"), (joined.GetProperty("ContentType").GetString(), joined.GetProperty("DisplayName").GetString(), joined.GetProperty("ParticipantRole").GetString()));
        Assert.Equal(response.Json.GetProperty("agent").GetProperty("participantId").GetString(), joined.GetProperty("ParticipantId").GetString());
        var agent = (await DescribeAsync(chat.ContactId)).GetProperty("AgentInfo");
        Assert.Equal("agent-sam", agent.GetProperty("Id").GetString());
        Assert.Equal(Seconds(App.Clock.GetUtcNow()), agent.GetProperty("ConnectedToAgentTimestamp").GetDecimal());
        var transcript = (await chat.TranscriptAsync()).Select(i => i.GetProperty("ContentType").GetString()).ToList();
        Assert.Equal(["application/vnd.amazonaws.connect.event.transfer.succeeded", Left, Joined], transcript[^3..]);
        Assert.Equal(HttpStatusCode.Created, (await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"Sam here"}""")).Status);
    }

    [Fact]
    public async Task Agent_TransferThatFails_IsTransferFailed_AndTheAgentStays()
    {
        var (chat, socket) = await ChatWithAgentAsync("agent-alex");
        await using var open = socket;

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/transfer", """{"displayName":"Sam","fail":true}""");

        Assert.Equal("FAILED", response.Json.GetProperty("outcome").GetString());
        Assert.False(response.Json.TryGetProperty("agent", out _));
        Assert.Equal("application/vnd.amazonaws.connect.event.transfer.failed", (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"still me"}""");
        var next = await socket.NextItemAsync();
        Assert.Equal(("still me", "Alex (Agent)"), (next.GetProperty("Content").GetString(), next.GetProperty("DisplayName").GetString()));
        Assert.Equal("agent-alex", (await DescribeAsync(chat.ContactId)).GetProperty("AgentInfo").GetProperty("Id").GetString());
        Assert.Contains(await chat.TranscriptAsync(), i => i.GetProperty("ContentType").GetString() == "application/vnd.amazonaws.connect.event.transfer.failed");
    }

    [Fact]
    public async Task Agent_TransferringToAQueue_LeavesTheChatWaitingThere_UntilAnAgentJoins()
    {
        var (chat, socket) = await ChatWithAgentAsync("agent-alex");
        await using var open = socket;
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var queuedAt = App.Clock.GetUtcNow();

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/transfer", """{"queueId":"queue-billing"}""");

        Assert.False(response.Json.TryGetProperty("agent", out _));
        var contact = await DescribeAsync(chat.ContactId);
        Assert.Equal("queue-billing", contact.GetProperty("QueueInfo").GetProperty("Id").GetString());
        Assert.Equal(Seconds(queuedAt), contact.GetProperty("QueueInfo").GetProperty("EnqueueTimestamp").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages", """{"content":"hi"}""")).Status);
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"agentId":"agent-billing"}""");
        Assert.Equal("agent-billing", (await DescribeAsync(chat.ContactId)).GetProperty("AgentInfo").GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Agent_Inviting_IsParticipantInvited_FromTheInvitee_KeptInTheTranscript()
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/invite", """{"displayName":"Pat (Supervisor)"}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var invited = await socket.NextItemAsync();
        Assert.Equal("application/vnd.amazonaws.connect.event.participant.invited", invited.GetProperty("ContentType").GetString());
        Assert.Equal(("Pat (Supervisor)", "AGENT", "EVENT"), (invited.GetProperty("DisplayName").GetString(), invited.GetProperty("ParticipantRole").GetString(), invited.GetProperty("Type").GetString()));
        Assert.Contains(await chat.TranscriptAsync(), i => i.GetProperty("Id").GetString() == response.Json.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/agent/transfer", """{"queueId":"   "}""", "queueId must be")]
    [InlineData("/agent/transfer", """{"agentId":""}""", "agentId must be")]
    [InlineData("/agent/invite", """{"displayName":""}""", "displayName must be")]
    [InlineData("/agent", """{"agentId":"   "}""", "agentId must be")]
    public async Task Agent_BadTransferInviteOrJoin_IsAPlainJson400NamingTheMember(string path, string body, string error)
    {
        var (chat, socket) = await ChatWithAgentAsync();
        await using var open = socket;

        var response = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}{path}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(error, response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Agent_TransferOrInvite_WithNoAgent_IsAConflict()
    {
        var chat = await NewChat().StartAsync();

        var transfer = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/transfer", "{}");
        var invite = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/invite", "{}");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (transfer.Status, invite.Status));
    }

    private async Task<(ChatDriver Chat, ChatSocket Socket)> ChatWithAgentAsync(string? agentId = null)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var socket = await chat.OpenSocketAsync();
        var body = agentId is null ? """{"displayName":"Alex (Agent)"}""" : $$"""{"displayName":"Alex (Agent)","agentId":"{{agentId}}"}""";
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", body);
        Assert.Equal(Joined, (await socket.NextItemAsync()).GetProperty("ContentType").GetString());
        return (chat, socket);
    }

    private async Task<JsonElement> DescribeAsync(string contactId) =>
        (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{contactId}")).Json.GetProperty("Contact");

    private static decimal Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000m;
}
