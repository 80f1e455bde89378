namespace ConnectMock.Tests.Infrastructure;

/// <summary>A test class against one shared app, which every test starts with empty.</summary>
public abstract class ConnectMockTest<TFactory>(TFactory app) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : ConnectMockFactory
{
    protected TFactory App { get; } = app;

    protected HttpClient Client { get; } = app.CreateClient();

    /// <summary>A new customer's side of a chat against this app.</summary>
    protected ChatDriver NewChat() => new(Client, App.Server);

    public ValueTask InitializeAsync()
    {
        App.Reset();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
