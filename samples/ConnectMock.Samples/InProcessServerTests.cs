using System.Net;
using ConnectMock.Testing;

namespace ConnectMock.Samples;

/// <summary>A server per test: the simplest use, with its own state and a free port.</summary>
public sealed class InProcessServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_is_started_joined_by_the_agent_and_read_back()
    {
        await using var mock = await ConnectMockServer.StartAsync(new ConnectMockServerOptions()
            .WithInstance(ConnectParticipantCalls.InstanceId, [ConnectParticipantCalls.FlowId]), Cancel);
        using var http = new HttpClient { BaseAddress = mock.Endpoint };

        var (contactId, participantToken) = await ConnectParticipantCalls.StartChatContactAsync(http, "order-1001", Cancel);
        var connectionToken = await ConnectParticipantCalls.CreateParticipantConnectionAsync(http, participantToken, Cancel);
        await ConnectParticipantCalls.SendMessageAsync(http, connectionToken, "Where is my order?", Cancel);
        await mock.ControlPlane.JoinAgentAsync(contactId, "Sam", cancellationToken: Cancel);
        await mock.ControlPlane.AgentSendMessageAsync(contactId, "It ships today.", cancellationToken: Cancel);

        var transcript = await mock.ControlPlane.GetChatTranscriptAsync(contactId, Cancel);
        Assert.Contains(transcript.Transcript, i => i.ParticipantRole == "CUSTOMER" && i.Content == "Where is my order?");
        Assert.Contains(transcript.Transcript, i => i.ParticipantRole == "AGENT" && i.Content == "It ships today.");
        await mock.ControlPlane.AssertCalledAsync("StartChatContact", 1, "order-1001", Cancel);
        Assert.Equal("order-1001", (await mock.ControlPlane.GetContactAsync(contactId, Cancel)).ClientToken);
    }

    [Fact]
    public async Task A_throttled_start_is_retried_with_the_same_client_token()
    {
        await using var mock = await ConnectMockServer.StartAsync(cancellationToken: Cancel);
        using var http = new HttpClient { BaseAddress = mock.Endpoint };
        await mock.ControlPlane.AddFaultAsync(new FaultSpec(Operation: "StartChatContact", Error: "ThrottlingException", Count: 1), Cancel);

        var throttled = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectParticipantCalls.StartChatContactAsync(http, "retry-1", Cancel));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        await ConnectParticipantCalls.StartChatContactAsync(http, "retry-1", Cancel);

        await mock.ControlPlane.AssertCalledAsync("StartChatContact", 2, "retry-1", Cancel);
        Assert.Single((await mock.ControlPlane.ListContactsAsync(new ContactQuery(ClientToken: "retry-1"), Cancel)).Contacts);
    }
}
