using System.Diagnostics;
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

    public IDatabase Database => Multiplexer.GetDatabase();

    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>Pub/sub on the same server, for what replicas tell each other (<see cref="RedisSharedState"/>).</summary>
    public ISubscriber Subscriber => Multiplexer.GetSubscriber();

    /// <summary>Raised when a lost connection to the server is back, after which a replica may have missed announcements.</summary>
    public event Action? Restored;

    private ConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException("The Redis store is used before the start connected it.");

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
            var multiplexer = ConnectionMultiplexer.Connect(configuration);
            WaitForSubscriptions(multiplexer, TimeSpan.FromMilliseconds(configuration.ConnectTimeout));
            multiplexer.ConnectionRestored += (_, _) => Restored?.Invoke();
            _multiplexer = multiplexer;
        }
        catch (RedisConnectionException e)
        {
            throw new ContactStoreUnavailableException(
                $"{ContactStoreOptions.Section}:Redis:Configuration: cannot connect to Redis at '{string.Join(", ", configuration.EndPoints)}': {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// Connect returns once commands can be sent, but the connection that carries SUBSCRIBE may still be opening; with
    /// FailFast a subscription made then fails at once rather than waiting for it (a replica's start, and the store
    /// contract in CI, subscribe right after connecting). So the connect is done only once that connection is up too.
    /// </summary>
    private static void WaitForSubscriptions(ConnectionMultiplexer multiplexer, TimeSpan timeout)
    {
        var subscriber = multiplexer.GetSubscriber();
        var started = Stopwatch.GetTimestamp();
        while (!subscriber.IsConnected())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                multiplexer.Dispose();
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"the subscription connection did not open within {timeout.TotalSeconds:0} s");
            }

            Thread.Sleep(10);
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
