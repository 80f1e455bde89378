using System.Globalization;
using System.Runtime.InteropServices;
using ConnectMock.Aws;
using ConnectMock.Contacts.Storage.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The request journal on the Redis provider: every replica's calls in one stream, <c>journal</c>, capped at
/// <see cref="JournalOptions.Capacity"/> entries (XADD MAXLEN, exact), each entry's id <c>&lt;sequence&gt;-0</c> from
/// the counter <c>journal:seq</c>, taken in the same script, so the stream's order is the order the calls were
/// recorded across replicas and a page's nextToken is a sequence as in memory. Recording waits for Redis (one round
/// trip per call, after its answer was written), so that a client that reads the journal through any replica after
/// its call has ended finds it there; a call recorded while Redis is gone is lost from the journal, never failed. Client text (path, ClientToken, InstanceId) is kept as UTF-16 code units, so a
/// lone surrogate comes back as it was sent.
/// </summary>
internal sealed class RedisRequestJournal(RedisConnection redis, IOptions<JournalOptions> options, TimeProvider time) : IAwsCallRecorder, ISharedJournal
{
    private const string P = RedisContactStore.Prefix;
    private static readonly RedisKey StreamKey = P + "journal";
    private static readonly RedisKey SequenceKey = P + "journal:seq";

    /// <summary>
    /// Where the record script announces each call it records, so that every replica's consoles hear every replica's
    /// calls (a console's live view reloads the journal and the faults' counters on it); published by the script
    /// itself, so it costs no round trip of its own.
    /// </summary>
    public static readonly RedisChannel RecordedChannel = RedisChannel.Literal(P + "recorded");

    private const string RecordScript = $$"""
        local seq = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], seq .. '-0', unpack(ARGV, 2))
        redis.call('PUBLISH', '{{P}}recorded', seq)
        return seq
        """;

    private const string ClearScript = """
        local n = redis.call('XLEN', KEYS[1])
        redis.call('DEL', KEYS[1])
        return n
        """;

    private readonly int _capacity = options.Value.Capacity;

    public int MaxBodyBytes { get; } = options.Value.Capacity == 0 ? 0 : options.Value.MaxBodyBytes;

    private IDatabase Db => redis.Database;

    public void Record(HttpContext http, AwsCallInfo info, double latencyMilliseconds)
    {
        if (_capacity == 0)
        {
            return;
        }

        var args = new List<RedisValue>(26)
        {
            _capacity,
            "t", time.GetUtcNow().UtcTicks,
            "op", info.Operation!,
            "m", http.Request.Method,
            "p", Units(http.Request.Path.Value ?? ""),
            "s", http.Response.StatusCode,
            "l", latencyMilliseconds.ToString("R", CultureInfo.InvariantCulture),
            "r", info.RequestId,
            "d", info.ConnectionDropped ? 1 : 0,
            "bt", info.RequestBodyTruncated ? 1 : 0,
        };
        Optional(args, "e", info.ErrorCode);
        Optional(args, "ct", info.ClientToken is { } token ? Units(token) : RedisValue.Null);
        Optional(args, "i", info.InstanceId is { } instance ? Units(instance) : RedisValue.Null);
        Optional(args, "b", info.RequestBody is { } body ? body.ToArray() : RedisValue.Null); // a copy: the call's buffer goes back to its pool
        try
        {
            Db.ScriptEvaluate(RecordScript, [StreamKey, SequenceKey], [.. args]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is gone: the call was served (or failed) all the same; its journal entry is what is lost.
        }
    }

    public IReadOnlyList<JournalEntry> Page(Func<JournalEntry, bool>? filter, long? before, int limit)
    {
        var found = new List<JournalEntry>();
        var from = before is { } b ? "(" + b.ToString(CultureInfo.InvariantCulture) + "-0" : "+";
        var chunk = Math.Clamp(limit, 100, 1000);
        while (found.Count < limit)
        {
            var entries = RedisConnection.Guard(() => Db.StreamRange(StreamKey, "-", from, chunk, Order.Descending));
            foreach (var entry in entries)
            {
                var read = Read(entry);
                if ((filter is null || filter(read)) && found.Count < limit)
                {
                    found.Add(read);
                }
            }

            if (entries.Length < chunk)
            {
                break;
            }

            from = "(" + entries[^1].Id;
        }

        return found;
    }

    public byte[]? BodyOf(long sequence)
    {
        var id = sequence.ToString(CultureInfo.InvariantCulture) + "-0";
        var entries = RedisConnection.Guard(() => Db.StreamRange(StreamKey, id, id));
        return entries.Length == 1 && entries[0]["b"] is { IsNull: false } body ? (byte[])body! : null;
    }

    public int Remove(Func<JournalEntry, bool>? filter)
    {
        if (filter is null)
        {
            return RedisConnection.Guard(() => (int)Db.ScriptEvaluate(ClearScript, [StreamKey]));
        }

        var matching = Page(filter, null, int.MaxValue).Select(e => (RedisValue)(e.Sequence.ToString(CultureInfo.InvariantCulture) + "-0")).ToArray();
        return matching.Length == 0 ? 0 : (int)RedisConnection.Guard(() => Db.StreamDelete(StreamKey, matching));
    }

    private static void Optional(List<RedisValue> args, string name, RedisValue value)
    {
        if (!value.IsNull)
        {
            args.Add(name);
            args.Add(value);
        }
    }

    private static byte[] Units(string text) => MemoryMarshal.AsBytes(text.AsSpan()).ToArray();

    private static string? Text(RedisValue value) =>
        value.IsNull ? null : new string(MemoryMarshal.Cast<byte, char>(((byte[])value!).AsSpan()));

    private static JournalEntry Read(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var body = entry["b"];
        return new JournalEntry(
            long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture),
            new DateTimeOffset((long)entry["t"], TimeSpan.Zero),
            (string)entry["op"]!,
            (string)entry["m"]!,
            Text(entry["p"])!,
            (int)entry["s"],
            (string?)entry["e"],
            double.Parse((string)entry["l"]!, CultureInfo.InvariantCulture),
            (string)entry["r"]!,
            Text(entry["ct"]),
            Text(entry["i"]),
            (int)entry["d"] == 1,
            body.IsNull ? null : (int)body.Length(),
            (int)entry["bt"] == 1);
    }
}
