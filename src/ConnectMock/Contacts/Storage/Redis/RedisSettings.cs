using System.Text.Json;
using ConnectMock.Contacts.Attachments;
using ConnectMock.Instances;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// The settings a user sets through the control plane, on the Redis provider: <c>declared</c> (a hash of declared
/// instances, id to JSON), <c>bot</c> (a hash of the bot's templates, keyword to template, once <c>bot:set</c> says a replica set them) and <c>scanner</c> (the
/// attachment scanner's settings as JSON). Each replica keeps its copy (reads cost what they cost in memory); a change
/// is written here, then announced, and returns once every replica has reloaded it (<see cref="RedisSharedState"/>).
/// </summary>
internal sealed class RedisSettings(RedisConnection redis, RedisSharedState state) : ISharedInstances
{
    public const string InstancesTopic = "instances";
    public const string BotTopic = "bot";
    public const string ScannerTopic = "scanner";

    private const string P = RedisContactStore.Prefix;
    private static readonly RedisKey InstancesKey = P + "declared";
    private static readonly RedisKey BotKey = P + "bot";
    private static readonly RedisKey BotSetKey = P + "bot:set";
    private static readonly RedisKey ScannerKey = P + "scanner";

    // KEYS[1] the hash; ARGV: id, JSON, the most instances. 1 when put, 0 when full.
    private const string PutScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    // KEYS[1] the hash, KEYS[2] the mark that it was set (an empty set of templates is no hash); ARGV: keyword, template pairs.
    private const string ReplaceScript = """
        redis.call('DEL', KEYS[1])
        if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
        redis.call('SET', KEYS[2], '1')
        return 1
        """;

    private IDatabase Db => redis.Database;

    public bool Put(InstanceResource instance, int max)
    {
        var json = JsonSerializer.Serialize(instance, RedisStoreJson.Default.InstanceResource);
        var put = RedisConnection.Guard(() => (int)Db.ScriptEvaluate(PutScript, [InstancesKey], [instance.Id, json, max])) == 1;
        if (put)
        {
            state.Announce(InstancesTopic);
        }

        return put;
    }

    public bool Remove(string instanceId)
    {
        var removed = RedisConnection.Guard(() => Db.HashDelete(InstancesKey, instanceId));
        if (removed)
        {
            state.Announce(InstancesTopic);
        }

        return removed;
    }

    /// <summary>Declares the instances of this replica's configuration (at its start, before it loads them all).</summary>
    public void Seed(IReadOnlyList<InstanceResource> instances)
    {
        if (instances.Count > 0)
        {
            RedisConnection.Guard(() =>
            {
                Db.HashSet(InstancesKey, [.. instances.Select(i => new HashEntry(i.Id, JsonSerializer.Serialize(i, RedisStoreJson.Default.InstanceResource)))]);
                return true;
            });
        }
    }

    public IReadOnlyList<InstanceResource> Instances() =>
        [.. RedisConnection.Guard(() => Db.HashValues(InstancesKey)).Select(v => JsonSerializer.Deserialize((string)v!, RedisStoreJson.Default.InstanceResource)!)];

    public void SaveBot(IReadOnlyDictionary<string, string> templates)
    {
        RedisConnection.Guard(() => Db.ScriptEvaluate(ReplaceScript, [BotKey, BotSetKey], [.. templates.SelectMany(t => new RedisValue[] { t.Key, t.Value })]));
        state.Announce(BotTopic);
    }

    /// <summary>The bot's templates; null when no replica has changed them (each keeps its configured ones).</summary>
    public IReadOnlyDictionary<string, string>? Bot()
    {
        var (exists, all) = RedisConnection.Guard(() => (Db.KeyExists(BotSetKey), Db.HashGetAll(BotKey)));
        return exists ? all.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.OrdinalIgnoreCase) : null;
    }

    public void SaveScanner(AttachmentScanOptions options)
    {
        RedisConnection.Guard(() => Db.StringSet(ScannerKey, JsonSerializer.Serialize(options, RedisStoreJson.Default.AttachmentScanOptions)));
        state.Announce(ScannerTopic);
    }

    /// <summary>The scanner's settings; null when no replica has changed them.</summary>
    public AttachmentScanOptions? Scanner() =>
        RedisConnection.Guard(() => Db.StringGet(ScannerKey)) is { IsNull: false } json
            ? JsonSerializer.Deserialize((string)json!, RedisStoreJson.Default.AttachmentScanOptions)
            : null;
}
