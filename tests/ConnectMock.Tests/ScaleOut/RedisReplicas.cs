using ConnectMock.Contacts.Storage;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ScaleOut;

/// <summary>One replica of the app on the Redis provider, pointed at a server that others share.</summary>
public sealed class RedisReplicaFactory(string configuration) : ConnectMockFactory
{
    /// <summary>The journal's bound on every replica: small, to show it holds across them.</summary>
    public const int JournalCapacity = 40;

    /// <summary>Every replica's attachments together hold at most this many files of <see cref="AttachmentFileBytes"/>.</summary>
    public const int AttachmentBudgetFiles = 4;

    public const int AttachmentFileBytes = 2000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Attachments:MaxBytes", (AttachmentBudgetFiles * AttachmentFileBytes).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ConnectMock:Attachments:MaxFileBytes", (2 * AttachmentFileBytes).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ConnectMock:Store:Provider", ContactStoreOptions.RedisProvider),
        new("ConnectMock:Store:Redis:Configuration", configuration),
        new("ConnectMock:Journal:Capacity", JournalCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

/// <summary>
/// Three replicas of the app, each a server of its own in this process, on one real redis-server: what a load balancer
/// spreads a client's calls over. <see cref="Clients"/>[i] talks to replica i only.
/// </summary>
public sealed class RedisReplicas : IAsyncLifetime
{
    public const int Count = 3;

    private readonly List<RedisReplicaFactory> _apps = [];

    public RedisServer Redis { get; } = new();

    public IReadOnlyList<RedisReplicaFactory> Apps => _apps;

    public IReadOnlyList<HttpClient> Clients { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        await Redis.StartAsync();
        for (var i = 0; i < Count; i++)
        {
            _apps.Add(new RedisReplicaFactory(Redis.Configuration));
        }

        Clients = [.. _apps.Select(app => app.CreateClient())];
    }

    /// <summary>Every replica empty: the shared state reset through one of them (which every replica follows), their logs cleared.</summary>
    public void Reset()
    {
        _apps[0].Reset();
        _apps.ForEach(app => app.Logs.Clear());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}

/// <summary>A test class against three replicas on one Redis, which every test starts with empty.</summary>
public abstract class RedisReplicasTest(RedisReplicas replicas) : IClassFixture<RedisReplicas>, IAsyncLifetime
{
    protected RedisReplicas Replicas { get; } = replicas;

    /// <summary>The client of replica <paramref name="index"/>.</summary>
    protected HttpClient On(int index) => Replicas.Clients[index];

    public ValueTask InitializeAsync()
    {
        Replicas.Reset();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
