using System.Globalization;
using ConnectMock.Contacts.Storage.Redis;
using StackExchange.Redis;

namespace ConnectMock.ControlPlane.Faults;

/// <summary>
/// The fault rules on the Redis provider: <c>faults</c>, a sorted set of rule ids in the order they were added, and
/// <c>fault:&lt;id&gt;</c>, a hash of each rule (what it matches and does, <c>rem</c> its remaining count if it has
/// one, <c>fired</c>). Which candidates fire is one Lua script, so a rule's count is consumed once across replicas;
/// a rule whose count runs out is deleted by the same script, and the replicas are told to drop their copies.
/// </summary>
internal sealed class RedisFaultRules(RedisConnection redis, RedisSharedState state) : ISharedFaultRules
{
    public const string Topic = "faults";

    private const string P = RedisContactStore.Prefix;
    private static readonly RedisKey OrderKey = P + "faults";
    private static readonly RedisKey SequenceKey = P + "faults:seq";

    private const string AddScript = """
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        local seq = redis.call('INCR', KEYS[2])
        redis.call('HSET', ARGV[1] .. 'fault:' .. ARGV[2], unpack(ARGV, 4))
        redis.call('ZADD', KEYS[1], seq, ARGV[2])
        return 1
        """;

    private const string LoadScript = """
        local all = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local fields = redis.call('HGETALL', ARGV[1] .. 'fault:' .. id)
          if #fields > 0 then
            all[#all + 1] = id
            all[#all + 1] = fields
          end
        end
        return all
        """;

    private const string RemoveScript = """
        local removed = 0
        for i = 2, #ARGV do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then removed = removed + 1 end
          redis.call('DEL', ARGV[1] .. 'fault:' .. ARGV[i])
        end
        return removed
        """;

    // ARGV: prefix, then (id, 1 when the rule has an outcome) per candidate, in order. Returns {any deleted, fired ids...}.
    private const string FireScript = """
        local fired = {0}
        local taken = false
        for i = 2, #ARGV, 2 do
          local id, outcome = ARGV[i], ARGV[i + 1] == '1'
          local k = ARGV[1] .. 'fault:' .. id
          if not (taken and outcome) and redis.call('EXISTS', k) == 1 then
            redis.call('HINCRBY', k, 'fired', 1)
            if redis.call('HEXISTS', k, 'rem') == 1 and redis.call('HINCRBY', k, 'rem', -1) <= 0 then
              redis.call('DEL', k)
              redis.call('ZREM', KEYS[1], id)
              fired[1] = 1
            end
            fired[#fired + 1] = id
            if outcome then taken = true end
          end
        end
        return fired
        """;

    private IDatabase Db => redis.Database;

    public IReadOnlyList<FaultRule> Load()
    {
        var all = RedisConnection.Guard(() => (RedisResult[])Db.ScriptEvaluate(LoadScript, [OrderKey], [P])!);
        var rules = new List<FaultRule>(all.Length / 2);
        for (var i = 0; i + 1 < all.Length; i += 2)
        {
            rules.Add(Read((string)all[i]!, (RedisResult[])all[i + 1]!));
        }

        return rules;
    }

    public bool Add(FaultRule rule, int max)
    {
        List<RedisValue> args = [P, rule.Id, max];
        void Field(string name, RedisValue value)
        {
            if (!value.IsNull)
            {
                args.Add(name);
                args.Add(value);
            }
        }

        Field("op", rule.Operation);
        Field("inst", rule.InstanceId);
        Field("err", rule.Error?.Name);
        Field("status", rule.Error?.StatusCode is { } status ? status : RedisValue.Null);
        Field("msg", rule.Error?.Message);
        Field("drop", rule.Drop?.ToString());
        Field("lat", rule.LatencyMs);
        Field("prob", rule.Probability.ToString("R", CultureInfo.InvariantCulture));
        Field("rem", rule.Remaining is { } remaining ? remaining : RedisValue.Null);
        Field("fired", 0);
        var added = RedisConnection.Guard(() => (int)Db.ScriptEvaluate(AddScript, [OrderKey, SequenceKey], [.. args])) == 1;
        if (added)
        {
            state.Announce(Topic);
        }

        return added;
    }

    public int Remove(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var removed = RedisConnection.Guard(() => (int)Db.ScriptEvaluate(RemoveScript, [OrderKey], [P, .. ids.Select(id => (RedisValue)id)]));
        state.Announce(Topic);
        return removed;
    }

    public IReadOnlyList<string> Fire(IReadOnlyList<FaultRule> candidates)
    {
        var args = new RedisValue[1 + (2 * candidates.Count)];
        args[0] = P;
        for (var i = 0; i < candidates.Count; i++)
        {
            args[1 + (2 * i)] = candidates[i].Id;
            args[2 + (2 * i)] = candidates[i].Error is not null || candidates[i].Drop is not null ? 1 : 0;
        }

        var result = RedisConnection.Guard(() => (RedisResult[])Db.ScriptEvaluate(FireScript, [OrderKey], args)!);
        if ((int)result[0] == 1)
        {
            // A count ran out: the rule is gone from Redis already (the script skips it), the copies go without waiting.
            state.AnnounceLater(Topic);
        }

        return [.. result.Skip(1).Select(r => (string)r!)];
    }

    private static FaultRule Read(string id, RedisResult[] fields)
    {
        var f = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            f[(string)fields[i]!] = (string)fields[i + 1]!;
        }

        int? Int(string name) => f.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        var error = f.TryGetValue("err", out var name) ? new FaultError(name, Int("status") ?? 500, f.GetValueOrDefault("msg") ?? "") : null;
        var rule = new FaultRule(
            id,
            f.GetValueOrDefault("op"),
            f.GetValueOrDefault("inst"),
            error,
            f.TryGetValue("drop", out var drop) ? Enum.Parse<DropConnection>(drop) : null,
            Int("lat") ?? 0,
            f.TryGetValue("prob", out var prob) ? double.Parse(prob, CultureInfo.InvariantCulture) : 1,
            Int("rem"))
        {
            Fired = Int("fired") ?? 0,
        };
        return rule;
    }
}
