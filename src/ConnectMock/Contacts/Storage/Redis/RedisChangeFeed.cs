using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// Reads the Redis store's change stream (<c>{connectmock}:bus</c>) on this replica and raises the store's
/// <see cref="IContactStore.Changed"/> and <see cref="IContactStore.Forgotten"/> for each entry, in the stream's
/// order, once each: every replica's listeners (chat sockets, chat timers, the web console) hear every replica's
/// changes. The scripts that commit a change append it to the stream in the same atomic step, so the stream's order is
/// the order of the commits, and each contact's changes are in it in the order they were made.
/// </summary>
/// <remarks>
/// StackExchange.Redis multiplexes one connection and cannot block on XREAD, so the scripts also publish on the
/// <c>{connectmock}:bus</c> channel: the message wakes the reader, which reads the stream from where it stopped
/// (non-blocking XREAD) until it is drained. Pub/sub alone would lose what is published while a replica is
/// disconnected, and could not say where to resume; the stream is the record and the cursor, pub/sub only the
/// doorbell. The reader also looks every <see cref="Poll"/> on its own, so a lost ring delays entries, never loses
/// them. A replica starts reading at the stream's end: what happened before it started is in the store already,
/// and it held no sockets then. The stream keeps about <see cref="Length"/> entries; a replica that falls further
/// behind than that (stopped for long without exiting) skips what was trimmed.
/// </remarks>
internal sealed partial class RedisChangeFeed(RedisConnection redis, RedisContactStore store, ILogger<RedisChangeFeed> log) : IDisposable
{
    /// <summary>About how many entries the stream keeps (MAXLEN ~ in the scripts' <c>BUS_LENGTH</c>).</summary>
    public const int Length = 10000;

    /// <summary>How often the reader looks without being rung.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private const int Batch = 512;

    private static readonly RedisKey Stream = RedisContactStore.Prefix + "bus";
    private static readonly RedisChannel Bell = RedisChannel.Literal(RedisContactStore.Prefix + "bus");

    private readonly Channel<bool> _rung = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _reading;
    private int _disposed;

    // The id of the last entry raised, under _heardGate: CatchUp waits on it (Monitor) until the reader moves it far enough.
    private readonly object _heardGate = new();
    private Id _heard;

    /// <summary>The id of the last entry read.</summary>
    public RedisValue Position { get; private set; }

    /// <summary>Subscribes to the doorbell, then starts reading after the stream's last entry.</summary>
    public void Start()
    {
        if (_reading is not null)
        {
            return;
        }

        RedisConnection.Guard(() =>
        {
            redis.Subscriber.Subscribe(Bell, (_, _) => _rung.Writer.TryWrite(true));
            var last = redis.Database.StreamRange(Stream, "-", "+", 1, Order.Descending);
            Position = last.Length > 0 ? last[0].Id : "0-0";
            Heard(Position);
            return true;
        });
        _reading = Task.Run(() => ReadAsync(_stop.Token));
        store.ReadBy(this);
    }

    /// <summary>
    /// Returns once every entry the stream held when called has been raised here (read-your-writes for a read through
    /// this replica of another's change), or after <paramref name="timeout"/> if the reader lags.
    /// </summary>
    public void CatchUp(TimeSpan timeout)
    {
        if (_reading is null)
        {
            return;
        }

        var last = RedisConnection.Guard(() => redis.Database.StreamRange(Stream, "-", "+", 1, Order.Descending));
        if (last.Length == 0)
        {
            return;
        }

        var target = Id.Parse(last[0].Id.ToString());
        _rung.Writer.TryWrite(true);
        var started = Stopwatch.GetTimestamp();
        lock (_heardGate)
        {
            while (_heard.CompareTo(target) < 0)
            {
                var left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                Monitor.Wait(_heardGate, left);
            }
        }
    }

    /// <summary>Every entry up to <paramref name="id"/> has been raised: the callers of <see cref="CatchUp"/> waiting for it go on.</summary>
    private void Heard(RedisValue id)
    {
        var heard = Id.Parse(id.ToString());
        lock (_heardGate)
        {
            _heard = heard;
            Monitor.PulseAll(_heardGate);
        }
    }

    /// <summary>A stream entry's id, <c>milliseconds-sequence</c>, in the stream's order.</summary>
    private readonly record struct Id(long Milliseconds, long Sequence) : IComparable<Id>
    {
        public static Id Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return new Id(long.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
        }

        public int CompareTo(Id other) => Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _reading?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled: what it was reading is no longer anyone's.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                StreamEntry[] entries;
                do
                {
                    entries = await redis.Database.StreamReadAsync(Stream, Position, Batch);
                    foreach (var entry in entries)
                    {
                        Raise(entry);
                        Position = entry.Id;
                    }

                    if (entries.Length > 0)
                    {
                        Heard(Position);
                    }
                }
                while (entries.Length == Batch && !stop.IsCancellationRequested);

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(Poll);
                if (await _rung.Reader.WaitToReadAsync(wait.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))
                {
                    _rung.Reader.TryRead(out _);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The server is away: the store's calls say so to clients; the feed resumes from its position when it is back.
                LogUnreachable(e.Message);
                await Task.Delay(Poll, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Raise(StreamEntry entry)
    {
        try
        {
            var values = entry.Values;
            if (values[0].Value == "f")
            {
                store.RaiseForgotten([.. ((string)values[1].Value!).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)]);
            }
            else
            {
                store.RaiseChanged(Guid.Parse((string)values[1].Value!), [.. values.Skip(3).Select(v => v.Value)], values[2].Value);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One listener's failure must not stop every replica's delivery: log it and go on with the next entry.
            LogListenerFailed(e, entry.Id.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change stream cannot be read now; retrying: {Reason}")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener of change stream entry {EntryId} failed")]
    private partial void LogListenerFailed(Exception exception, string entryId);
}
