using System.Globalization;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// WebSocket URLs on the Redis provider, per participant: <c>wsx:&lt;participant&gt;</c>, the last expiry handed out
/// (a new URL's is after it), and <c>wsu:&lt;participant&gt;</c>, the URLs spent, a sorted set of their expiries
/// scored by when they may be forgotten (the controllable clock's time, as in memory). Each is one script, so two
/// replicas asked at once still hand out two names and let one socket through. The keys expire after two URL
/// lifetimes of real time: a URL is refused after one lifetime by the clock, so only a clock frozen longer than that
/// could let a spent URL open a second socket.
/// </summary>
internal sealed class RedisWebSocketUrls(RedisConnection redis) : ISharedWebSocketUrls
{
    private const string NewExpiryScript = """
        local last = tonumber(redis.call('GET', KEYS[1]) or '0')
        local next = math.max(tonumber(ARGV[1]), last + 1)
        redis.call('SET', KEYS[1], string.format('%d', next), 'PX', ARGV[2])
        return string.format('%d', next)
        """;

    private const string UseScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    public DateTimeOffset NewExpiry(Guid participantId, DateTimeOffset expiry, TimeSpan urlLifetime)
    {
        var next = RedisConnection.Guard(() => redis.Database.ScriptEvaluate(NewExpiryScript, [Key("wsx:", participantId)],
            [expiry.ToUnixTimeMilliseconds(), KeepFor(urlLifetime)]));
        return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)next!, CultureInfo.InvariantCulture));
    }

    public bool? TryUse(Guid participantId, long urlExpiryMs, DateTimeOffset now, TimeSpan urlLifetime, int max)
    {
        var used = (long)RedisConnection.Guard(() => redis.Database.ScriptEvaluate(UseScript, [Key("wsu:", participantId)],
            [now.ToUnixTimeMilliseconds(), urlExpiryMs, (now + urlLifetime).ToUnixTimeMilliseconds(), max, KeepFor(urlLifetime)]));
        return used switch
        {
            1 => true,
            0 => false,
            _ => null,
        };
    }

    private static long KeepFor(TimeSpan urlLifetime) => (long)(2 * urlLifetime).TotalMilliseconds;

    private static RedisKey Key(string kind, Guid participantId) => RedisContactStore.Prefix + kind + participantId.ToString();
}
