using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// The connection to the Redis server of <c>ConnectMock:Store:Redis:Configuration</c>, made once, at start
/// (<see cref="Connect"/>): a server that cannot be reached then fails the start with a message naming the setting,
/// instead of failing every call later. Once connected, StackExchange.Redis reconnects by itself after a loss; in the
/// meantime every call fails at once (no queue to wait in) and within bounded timeouts.
/// </summary>
internal sealed class RedisConnection(IOptions<ContactStoreOptions> options) : IDisposable
{
    /// <summary>How long a start waits for the server, and a call for an answer, unless the configuration string says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private ConnectionMultiplexer? _multiplexer;

    public IDatabase Database => (_multiplexer ?? throw new InvalidOperationException("The Redis store is used before the start connected it.")).GetDatabase();

    public ISubscriber Subscriber => (_multiplexer ?? throw new InvalidOperationException("The Redis store is used before the start connected it.")).GetSubscriber();

    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>
    /// A random secret that every replica on the server shares (<c>{connectmock}:secret:NAME</c>): the first replica
    /// to ask makes it, the others read it. Read once, at start, and kept: connects if the start has not yet.
    /// </summary>
    public byte[] SharedSecret(string name)
    {
        Connect();
        var key = new RedisKey(RedisContactStore.Prefix + "secret:" + name);
        return Guard(() =>
        {
            Database.StringSet(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), when: When.NotExists);
            return (byte[])Database.StringGet(key)!;
        });
    }

    /// <summary>Connects; throws <see cref="ContactStoreUnavailableException"/> naming the setting when the server cannot be reached.</summary>
    public void Connect()
    {
        if (_multiplexer is not null)
        {
            return; // connected before the host started (ConfigurationCheck); the start's hosted step finds it done
        }

        var setting = options.Value.Redis.Configuration!;
        var configuration = ConfigurationOptions.Parse(setting);
        var given = setting.Split(',', StringSplitOptions.TrimEntries);
        if (!given.Any(p => p.StartsWith("connectTimeout=", StringComparison.OrdinalIgnoreCase)))
        {
            configuration.ConnectTimeout = (int)DefaultTimeout.TotalMilliseconds;
        }

        if (!given.Any(p => p.StartsWith("syncTimeout=", StringComparison.OrdinalIgnoreCase)))
        {
            configuration.SyncTimeout = (int)DefaultTimeout.TotalMilliseconds;
        }

        configuration.AbortOnConnectFail = true;
        configuration.ConnectRetry = 1;
        configuration.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected a call fails now, not after waiting out its timeout

        // The store's calls are synchronous (the domain decides inside a store step, as it does in memory), so the
        // replies must be read by threads of their own, not by the thread pool the waiting requests hold: the 2.x line
        // reads with a dedicated pool (SocketManager.Shared); 3.x dropped it and its synchronous calls time out under
        // concurrency (the contract's 500 parallel starts did), which is why Directory.Packages.props pins 2.x.
        try
        {
            _multiplexer = ConnectionMultiplexer.Connect(configuration);
        }
        catch (RedisConnectionException e)
        {
            throw new ContactStoreUnavailableException(
                $"{ContactStoreOptions.Section}:Redis:Configuration: cannot connect to Redis at '{string.Join(", ", configuration.EndPoints)}': {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Whether the server answers now, within <see cref="DefaultTimeout"/>.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (_multiplexer is not { IsConnected: true } connected)
        {
            return false;
        }

        try
        {
            await connected.GetDatabase().PingAsync().WaitAsync(DefaultTimeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Runs a store step, turning Redis being unreachable or too slow into <see cref="ContactStoreUnavailableException"/>.</summary>
    public static T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new ContactStoreUnavailableException($"The contact store (Redis) is unavailable: {FirstLine(e.Message)}", e);
        }
    }

    public void Dispose() => _multiplexer?.Dispose();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
