using System.Runtime.InteropServices;
using System.Text.Json;
using ConnectMock.Contacts.Attachments;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// Chat attachments on the Redis provider, so that a file uploaded through one replica downloads through another.
/// Keys: <c>a:&lt;id&gt;</c> (hash: the record as JSON, its version, the size of the bytes held, its contact, its
/// ClientToken key), <c>a:&lt;id&gt;:b</c> (the bytes), <c>a:age</c> (ids oldest first), <c>a:exp</c> (ids by when they
/// expire), <c>a:c:&lt;contact&gt;</c> and <c>a:n:&lt;contact&gt;</c> (a contact's ids and how many it started),
/// <c>a:tok:&lt;participant&gt;:&lt;token&gt;</c>, and the budget's counters <c>a:held</c> and <c>a:reserved</c>. Every step
/// that adds or makes room is one Lua script, so <see cref="AttachmentOptions.MaxBytes"/> bounds the bytes of every
/// replica together, evicting the oldest first, as in memory. An attachment expires
/// <see cref="ContactStoreOptions.ClientTokenLifetime"/> + 7 days after it was started (the horizon of its contact's
/// keys), by the shared clock; the URLs' signing key is shared by <see cref="RedisKeys"/>.
/// </summary>
internal sealed class RedisAttachments(RedisConnection redis, IOptions<ContactStoreOptions> storeOptions, TimeProvider time) : ISharedAttachments
{
    private const string P = RedisContactStore.Prefix;

    private const string Common = """
        local P = ARGV[1]
        local function evict(id)
          local k = P .. 'a:' .. id
          local f = redis.call('HMGET', k, 'size', 'c', 'tk')
          if f[1] then redis.call('DECRBY', P .. 'a:held', f[1]) end
          if f[3] and f[3] ~= '' and redis.call('GET', f[3]) == id then redis.call('DEL', f[3]) end
          if f[2] then redis.call('LREM', P .. 'a:c:' .. f[2], 1, id) end
          redis.call('DEL', k, k .. ':b')
          redis.call('ZREM', P .. 'a:age', id)
          redis.call('ZREM', P .. 'a:exp', id)
        end
        local function expire(now)
          for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'a:exp', '-inf', now)) do evict(id) end
        end
        """;

    // ARGV: P, token key or '', contact, most per contact, id, record, expires (ms, a score), now (ms), ttl (ms).
    private const string AddScript = Common + "\n" + """
        expire(ARGV[8])
        if ARGV[2] ~= '' then
          local id = redis.call('GET', ARGV[2])
          if id then
            local rec = redis.call('HGET', P .. 'a:' .. id, 'rec')
            if rec then return {1, rec} end
          end
        end
        local nk, ck = P .. 'a:n:' .. ARGV[3], P .. 'a:c:' .. ARGV[3]
        if tonumber(redis.call('GET', nk) or '0') >= tonumber(ARGV[4]) then return {0} end
        redis.call('INCR', nk)
        local seq = redis.call('INCR', P .. 'a:seq')
        redis.call('HSET', P .. 'a:' .. ARGV[5], 'rec', ARGV[6], 'ver', 1, 'size', 0, 'c', ARGV[3], 'tk', ARGV[2])
        redis.call('ZADD', P .. 'a:age', seq, ARGV[5])
        redis.call('ZADD', P .. 'a:exp', ARGV[7], ARGV[5])
        redis.call('RPUSH', ck, ARGV[5])
        redis.call('PEXPIRE', nk, ARGV[9])
        redis.call('PEXPIRE', ck, ARGV[9])
        if ARGV[2] ~= '' then redis.call('SET', ARGV[2], ARGV[5], 'PX', ARGV[9]) end
        return {2}
        """;

    // ARGV: P, size, most bytes, now (ms). 1 when reserved.
    private const string ReserveScript = Common + "\n" + """
        expire(ARGV[4])
        local size, max = tonumber(ARGV[2]), tonumber(ARGV[3])
        local function used() return tonumber(redis.call('GET', P .. 'a:held') or '0') + tonumber(redis.call('GET', P .. 'a:reserved') or '0') end
        while used() + size > max do
          local oldest = redis.call('ZRANGE', P .. 'a:age', 0, 0)
          if #oldest == 0 then break end
          evict(oldest[1])
        end
        if used() + size > max then return 0 end
        redis.call('INCRBY', P .. 'a:reserved', size)
        return 1
        """;

    // ARGV: P, id, reserved size to release, bytes. 1 when kept.
    private const string StoreScript = """
        local P = ARGV[1]
        if tonumber(ARGV[3]) > 0 then redis.call('DECRBY', P .. 'a:reserved', ARGV[3]) end
        local k = P .. 'a:' .. ARGV[2]
        if redis.call('EXISTS', k) == 0 then return 0 end
        redis.call('DECRBY', P .. 'a:held', redis.call('HGET', k, 'size'))
        redis.call('INCRBY', P .. 'a:held', #ARGV[4])
        redis.call('SET', k .. ':b', ARGV[4])
        redis.call('HSET', k, 'size', #ARGV[4])
        return 1
        """;

    // ARGV: P, id, version read, record. 1 when committed.
    private const string ChangeScript = """
        local k = ARGV[1] .. 'a:' .. ARGV[2]
        if redis.call('HGET', k, 'ver') ~= ARGV[3] then return 0 end
        redis.call('HSET', k, 'rec', ARGV[4])
        redis.call('HINCRBY', k, 'ver', 1)
        return 1
        """;

    private const string OfContactScript = """
        local all = {}
        for _, id in ipairs(redis.call('LRANGE', ARGV[1] .. 'a:c:' .. ARGV[2], 0, -1)) do
          local rec = redis.call('HGET', ARGV[1] .. 'a:' .. id, 'rec')
          if rec then all[#all + 1] = rec end
        end
        return all
        """;

    // ARGV: P, contacts...
    private const string RemoveScript = Common + "\n" + """
        for i = 2, #ARGV do
          for _, id in ipairs(redis.call('LRANGE', P .. 'a:c:' .. ARGV[i], 0, -1)) do evict(id) end
          redis.call('DEL', P .. 'a:c:' .. ARGV[i], P .. 'a:n:' .. ARGV[i])
        end
        return 1
        """;

    private const string ClearScript = Common + "\n" + """
        for _, id in ipairs(redis.call('ZRANGE', P .. 'a:age', 0, -1)) do
          local c = redis.call('HGET', P .. 'a:' .. id, 'c')
          evict(id)
          if c then redis.call('DEL', P .. 'a:c:' .. c, P .. 'a:n:' .. c) end
        end
        redis.call('SET', P .. 'a:held', 0)
        return 1
        """;

    private readonly TimeSpan _lifetime = storeOptions.Value.ClientTokenLifetime + TimeSpan.FromDays(7);

    private IDatabase Db => redis.Database;

    public (Attachment? Attachment, bool Repeated) AddOrGetExisting(Guid contactId, Guid participantId, string? clientToken, int maxPerContact, Func<Attachment> create)
    {
        var attachment = create();
        var now = time.GetUtcNow();
        RedisValue tokenKey = clientToken is null ? "" : (byte[])[.. System.Text.Encoding.UTF8.GetBytes(P + "a:tok:" + participantId.ToString("N") + ":"), .. MemoryMarshal.AsBytes(clientToken.AsSpan())];
        var result = RedisConnection.Guard(() => (RedisResult[])Db.ScriptEvaluate(AddScript, values:
        [
            P, tokenKey, contactId.ToString(), maxPerContact, attachment.AttachmentId, Json(attachment),
            Millis(now + _lifetime), Millis(now), (long)_lifetime.TotalMilliseconds,
        ])!);
        return (int)result[0] switch
        {
            1 => (Read((string)result[1]!), true),
            2 => (attachment, false),
            _ => (null, false),
        };
    }

    public Attachment? Find(string attachmentId) =>
        RedisConnection.Guard(() => Db.HashGet(P + "a:" + attachmentId, "rec")) is { IsNull: false } rec ? Read((string)rec!) : null;

    public IReadOnlyList<Attachment> OfContact(Guid contactId) =>
        [.. RedisConnection.Guard(() => (RedisResult[])Db.ScriptEvaluate(OfContactScript, values: [P, contactId.ToString()])!).Select(r => Read((string)r!))];

    public byte[]? Bytes(string attachmentId) => (byte[]?)RedisConnection.Guard(() => Db.StringGet(P + "a:" + attachmentId + ":b"));

    public (int Attachments, long Bytes) Usage => RedisConnection.Guard(() =>
        ((int)Db.SortedSetLength(P + "a:age"), (long)Db.StringGet(P + "a:held")));

    public bool TryReserve(long size, long maxBytes) =>
        RedisConnection.Guard(() => (int)Db.ScriptEvaluate(ReserveScript, values: [P, size, maxBytes, Millis(time.GetUtcNow())])) == 1;

    public void Unreserve(long size) => RedisConnection.Guard(() => Db.StringDecrement(P + "a:reserved", size));

    public bool StoreBytes(string attachmentId, byte[] bytes, long release) =>
        RedisConnection.Guard(() => (int)Db.ScriptEvaluate(StoreScript, values: [P, attachmentId, release, bytes])) == 1;

    public Attachment? Change(string attachmentId, Func<Attachment, Attachment?> decide)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var fields = RedisConnection.Guard(() => Db.HashGet(P + "a:" + attachmentId, ["rec", "ver"]));
            if (fields[0].IsNull)
            {
                return null;
            }

            var current = Read((string)fields[0]!);
            var next = decide(current);
            if (next is null)
            {
                return current;
            }

            if (RedisConnection.Guard(() => (int)Db.ScriptEvaluate(ChangeScript, values: [P, attachmentId, fields[1], Json(next)])) == 1)
            {
                return next;
            }
        }

        throw new ContactStoreUnavailableException($"Attachment {attachmentId} kept changing under 64 attempts to change it.", new TimeoutException());
    }

    public void Remove(IReadOnlyList<Guid> contactIds)
    {
        if (contactIds.Count > 0)
        {
            RedisConnection.Guard(() => Db.ScriptEvaluate(RemoveScript, values: [P, .. contactIds.Select(id => (RedisValue)id.ToString())]));
        }
    }

    public void Clear() => RedisConnection.Guard(() => Db.ScriptEvaluate(ClearScript, values: [P]));

    private static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static string Json(Attachment attachment) => JsonSerializer.Serialize(attachment, RedisStoreJson.Default.Attachment);

    private static Attachment Read(string json) => JsonSerializer.Deserialize(json, RedisStoreJson.Default.Attachment)!;
}
