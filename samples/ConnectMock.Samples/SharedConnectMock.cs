using ConnectMock.Testing;

namespace ConnectMock.Samples;

/// <summary>One ConnectMock for every test class of the "ConnectMock" collection: started once, disposed at the end.</summary>
public sealed class SharedConnectMock : IAsyncLifetime
{
    private ConnectMockServer? _server;

    public ConnectMockServer Server => _server ?? throw new InvalidOperationException("Not started yet.");

    public async ValueTask InitializeAsync() => _server = await ConnectMockServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
