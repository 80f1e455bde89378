using System.Security.Cryptography;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// The signing keys on the Redis provider: <c>key:&lt;name&gt;</c>, 32 random bytes set by the first replica that asks
/// (SET NX) and read by every other, so that a connection token or an attachment URL that one replica signed verifies
/// on all. Asked for when the signer is made, which may be before the start's own connect: it connects first.
/// </summary>
internal sealed class RedisKeys(RedisConnection redis) : ISharedKeys
{
    public byte[] Key(string name)
    {
        redis.Connect();
        RedisKey key = RedisContactStore.Prefix + "key:" + name;
        RedisConnection.Guard(() => redis.Database.StringSet(key, RandomNumberGenerator.GetBytes(32), when: When.NotExists));
        return (byte[])RedisConnection.Guard(() => redis.Database.StringGet(key))!;
    }
}
