using ConnectMock.Testcontainers;
using ConnectMock.Testing;

namespace ConnectMock.Samples;

/// <summary>
/// ConnectMock in a container through the Testcontainers module. The image is CONNECTMOCK_IMAGE (connectmock:latest
/// by default: docker build -t connectmock .).
/// </summary>
public sealed class ContainerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_container_serves_a_chat_and_its_control_plane()
    {
        var image = Environment.GetEnvironmentVariable("CONNECTMOCK_IMAGE") is { Length: > 0 } named ? named : ConnectMockBuilder.ConnectMockImage;
        await using var container = new ConnectMockBuilder()
            .WithImage(image)
            .WithSetting(ConnectMockSettings.JournalCapacity, "50")
            .Build();
        await container.StartAsync(Cancel);
        using var controlPlane = container.CreateControlPlaneClient();
        using var http = new HttpClient { BaseAddress = container.GetEndpoint() };

        Assert.Equal("Healthy", await http.GetStringAsync("health", Cancel));
        var (contactId, _) = await ConnectParticipantCalls.StartChatContactAsync(http, "in-a-container", Cancel);
        await controlPlane.JoinAgentAsync(contactId, cancellationToken: Cancel);
        await controlPlane.AgentSendMessageAsync(contactId, "Hello from the container", cancellationToken: Cancel);

        await controlPlane.AssertCalledAsync("StartChatContact", 1, "in-a-container", Cancel);
        Assert.Contains((await controlPlane.GetChatTranscriptAsync(contactId, Cancel)).Transcript, i => i.Content == "Hello from the container");
    }
}
