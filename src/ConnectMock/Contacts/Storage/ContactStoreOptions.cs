using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Contacts.Storage;

/// <summary>Where contacts are kept and within which bounds. Section <c>ConnectMock:Store</c>.</summary>
internal sealed class ContactStoreOptions
{
    public const string Section = "ConnectMock:Store";

    public const string InMemoryProvider = "InMemory";

    public const string RedisProvider = "Redis";

    /// <summary>
    /// Which store keeps the contacts: <see cref="InMemoryProvider"/> (this process's memory, the default) or
    /// <see cref="RedisProvider"/> (a Redis server that several replicas share: docs/scale-out.md).
    /// </summary>
    public string Provider { get; set; } = InMemoryProvider;

    public RedisStoreOptions Redis { get; set; } = new();

    /// <summary>The most contacts kept; beyond it the oldest are evicted first.</summary>
    [Range(1, 10_000_000)]
    public int MaxContacts { get; set; } = 50_000;

    /// <summary>
    /// The most memory, in MiB, that stored requests may take by the store's estimate; beyond it the oldest
    /// contacts are evicted, so that large requests cannot exhaust memory before MaxContacts is reached.
    /// (The in-memory store's bound: a Redis server's memory is bounded by its own maxmemory.)
    /// </summary>
    [Range(1, 64 * 1024)]
    public int MaxMemoryMegabytes { get; set; } = 128;

    /// <summary>How long a ClientToken returns the contact it started (the sibling operations document 7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    public bool IsRedis => string.Equals(Provider, RedisProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The Redis store's connection. Section <c>ConnectMock:Store:Redis</c>.</summary>
internal sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or <c>redis:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }
}
