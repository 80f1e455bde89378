using ConnectMock.Testing;

namespace ConnectMock.Tests.Testing;

/// <summary>One in-process server for a test class, as a user's class fixture would hold it.</summary>
public sealed class RunningServer : IAsyncLifetime
{
    private ConnectMockServer? _server;

    public ConnectMockServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await ConnectMockServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
