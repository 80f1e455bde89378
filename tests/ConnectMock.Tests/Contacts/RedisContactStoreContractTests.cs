using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using ConnectMock.Contacts.Storage.Redis;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

/// <summary>The store contract, run against the Redis store on a real redis-server, emptied before each store.</summary>
public sealed class RedisContactStoreContractTests(RedisServer redis) : ContactStoreContract, IClassFixture<RedisServer>, IDisposable
{
    private readonly List<IDisposable> _connections = [];

    private protected override (IContactStore Store, IContactCatalog Catalog) NewStore(Bounds bounds)
    {
        redis.FlushAsync().GetAwaiter().GetResult();
        var store = RedisStores.Connect(redis, _connections, bounds.MaxContacts, bounds.ClientTokenLifetime, bounds.TranscriptCapacity);
        return (store, store);
    }

    public void Dispose()
    {
        // Each store's feed first, then its connection.
        _connections.AsEnumerable().Reverse().ToList().ForEach(c => c.Dispose());
    }
}

/// <summary>Redis stores as replicas make them: each with its own connection to the one server and its own feed of the changes.</summary>
internal static class RedisStores
{
    public static RedisContactStore Connect(
        RedisServer redis, List<IDisposable> connections, int maxContacts = 1000, TimeSpan? clientTokenLifetime = null, int transcriptCapacity = 1000)
    {
        var options = Options.Create(new ContactStoreOptions
        {
            Provider = ContactStoreOptions.RedisProvider,
            Redis = { Configuration = redis.Configuration },
            MaxContacts = maxContacts,
            ClientTokenLifetime = clientTokenLifetime ?? new ContactStoreOptions().ClientTokenLifetime,
        });
        var connection = new RedisConnection(options);
        connection.Connect();
        connections.Add(connection);
        var store = new RedisContactStore(connection, options, Options.Create(new ChatOptions { MaxTranscriptItems = transcriptCapacity }));
        var feed = new RedisChangeFeed(connection, store, NullLogger<RedisChangeFeed>.Instance);
        feed.Start();
        connections.Add(feed);
        return store;
    }
}
