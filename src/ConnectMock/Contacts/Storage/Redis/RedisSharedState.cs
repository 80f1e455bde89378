using System.Collections.Concurrent;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// Keeps the settings every replica holds in memory (fault rules, the clock, declared instances, the bot's templates,
/// the scanner) the same on all replicas, while each still reads its own copy, as cheaply as the in-memory default:
/// the replica that changes one writes it to Redis, then <see cref="Announce"/>s the change on a pub/sub channel;
/// every replica (itself included) reloads that setting from Redis and acknowledges; the change's call returns once
/// every replica that heard it has acknowledged, so a client's next call sees the change whichever replica serves it.
/// A replica reloads everything when it starts and whenever its connection comes back (it may have missed
/// announcements meanwhile).
/// </summary>
internal sealed partial class RedisSharedState(RedisConnection redis, ILogger<RedisSharedState> log)
{
    /// <summary>How long an announcement waits for the replicas' acknowledgements: a replica that died unheard is not waited for longer.</summary>
    public static readonly TimeSpan AcknowledgementWait = TimeSpan.FromSeconds(2);

    private static readonly RedisChannel ChangedChannel = RedisChannel.Literal(RedisContactStore.Prefix + "changed");
    private static readonly RedisChannel AcknowledgedChannel = RedisChannel.Literal(RedisContactStore.Prefix + "acknowledged");

    private readonly ConcurrentDictionary<string, Action> _reloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Waiting> _waiting = new(StringComparer.Ordinal);
    private int _started;

    /// <summary>Registers how this replica reloads <paramref name="topic"/> from Redis; before <see cref="Start"/>.</summary>
    public void On(string topic, Action reload) => _reloads[topic] = reload;

    /// <summary>Subscribes and loads every registered setting; once, after the connection is made.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        var subscriber = redis.Subscriber;
        subscriber.Subscribe(ChangedChannel).OnMessage(message => Heard(message.Message));
        subscriber.Subscribe(AcknowledgedChannel).OnMessage(message =>
        {
            if (_waiting.TryGetValue(message.Message.ToString(), out var waiting))
            {
                waiting.Acknowledge();
            }
        });
        redis.Restored += ReloadAll;
        ReloadAll();
    }

    /// <summary>
    /// Tells every replica that <paramref name="topic"/> changed in Redis and waits until each has reloaded it (at most
    /// <see cref="AcknowledgementWait"/>). Throws <see cref="ContactStoreUnavailableException"/> when Redis is gone.
    /// </summary>
    public void Announce(string topic)
    {
        var id = Guid.NewGuid().ToString("N");
        var waiting = _waiting[id] = new Waiting();
        try
        {
            var receivers = RedisConnection.Guard(() => redis.Subscriber.Publish(ChangedChannel, id + " " + topic));
            if (!waiting.Wait(receivers, AcknowledgementWait))
            {
                LogUnacknowledged(topic, waiting.Count, receivers);
            }
        }
        finally
        {
            _waiting.TryRemove(id, out _);
            waiting.Dispose();
        }
    }

    /// <summary>Tells every replica that <paramref name="topic"/> changed, without waiting for them: for changes that are correct before every copy follows.</summary>
    public void AnnounceLater(string topic) =>
        redis.Subscriber.Publish(ChangedChannel, Guid.NewGuid().ToString("N") + " " + topic, CommandFlags.FireAndForget);

    private void Heard(RedisValue message)
    {
        var text = message.ToString();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return;
        }

        var (id, topic) = (text[..space], text[(space + 1)..]);
        Reload(topic);
        try
        {
            redis.Subscriber.Publish(AcknowledgedChannel, id, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            LogReloadFailed(topic, e.Message);
        }
    }

    private void ReloadAll()
    {
        foreach (var topic in _reloads.Keys)
        {
            Reload(topic);
        }
    }

    private void Reload(string topic)
    {
        if (!_reloads.TryGetValue(topic, out var reload))
        {
            return;
        }

        try
        {
            reload();
        }
        catch (Exception e) when (e is ContactStoreUnavailableException or RedisException)
        {
            // The connection's return reloads everything again.
            LogReloadFailed(topic, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the shared {Topic} from Redis: {Reason}")]
    private partial void LogReloadFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change of the shared {Topic} was acknowledged by {Acknowledged} of {Receivers} replicas in time")]
    private partial void LogUnacknowledged(string topic, int acknowledged, long receivers);

    /// <summary>The acknowledgements of one announcement, which may arrive before its publish returns the number to expect.</summary>
    private sealed class Waiting : IDisposable
    {
        private readonly SemaphoreSlim _acknowledged = new(0);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Acknowledge()
        {
            Interlocked.Increment(ref _count);
            try
            {
                _acknowledged.Release();
            }
            catch (ObjectDisposedException)
            {
                // heard after its announcement stopped waiting
            }
        }

        public bool Wait(long expected, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var taken = 0L; taken < expected; taken++)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !_acknowledged.Wait(left))
                {
                    return false;
                }
            }

            return true;
        }

        public void Dispose() => _acknowledged.Dispose();
    }
}
