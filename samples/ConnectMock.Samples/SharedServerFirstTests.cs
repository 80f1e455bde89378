using ConnectMock.Testing;

namespace ConnectMock.Samples;

/// <summary>Uses the collection's server; each test starts from a reset.</summary>
[Collection("ConnectMock")]
public sealed class SharedServerFirstTests(SharedConnectMock shared) : IAsyncLifetime
{
    private readonly HttpClient _http = new() { BaseAddress = shared.Server.Endpoint };

    public async ValueTask InitializeAsync() => await shared.Server.ControlPlane.ResetAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Starts_a_chat_on_the_shared_server()
    {
        var (contactId, _) = await ConnectParticipantCalls.StartChatContactAsync(_http, "first-class", TestContext.Current.CancellationToken);

        var contacts = await shared.Server.ControlPlane.ListContactsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(contactId, Assert.Single(contacts.Contacts).ContactId);
        SharedServerEndpoints.Seen.Add(shared.Server.Endpoint);
    }
}
