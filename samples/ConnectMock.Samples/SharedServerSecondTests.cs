using ConnectMock.Testing;

namespace ConnectMock.Samples;

/// <summary>A second class of the same collection: the same server, and the reset before it left nothing behind.</summary>
[Collection("ConnectMock")]
public sealed class SharedServerSecondTests(SharedConnectMock shared) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await shared.Server.ControlPlane.ResetAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Sees_a_clean_shared_server()
    {
        SharedServerEndpoints.Seen.Add(shared.Server.Endpoint);

        Assert.Empty((await shared.Server.ControlPlane.ListContactsAsync(cancellationToken: TestContext.Current.CancellationToken)).Contacts);
        await shared.Server.ControlPlane.AssertCalledAsync("StartChatContact", 0, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(SharedServerEndpoints.Seen.Distinct());
    }
}
