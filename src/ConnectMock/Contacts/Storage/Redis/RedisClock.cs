using System.Globalization;
using ConnectMock.Contacts.Time;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// The clock on the Redis provider: <c>clock</c> holds how the clock reads (<c>F &lt;ticks&gt;</c> frozen at a UTC
/// time, <c>R &lt;ticks&gt;</c> the system's time plus an offset; absent, the system's time). Each replica still reads
/// its own <see cref="ConnectMockClock"/> (one volatile read, as in memory); a freeze, advance or release on one
/// replica is written here and announced, and the call returns once every replica has applied it, firing its own
/// timers due on the way (<see cref="ConnectMockClock.Apply"/>). A running clock's offset is from each replica's
/// system clock, so replicas on several machines agree as far as their clocks do (NTP).
/// </summary>
internal sealed class RedisClock(RedisConnection redis, RedisSharedState state, ConnectMockClock clock)
{
    public const string Topic = "clock";

    private static readonly RedisKey Key = RedisContactStore.Prefix + "clock";

    /// <summary>Shares what this replica's control plane set.</summary>
    public void Save(ConnectMockClock.Reading reading)
    {
        var value = reading.FrozenAt is { } at ? "F " + at.UtcTicks.ToString(CultureInfo.InvariantCulture) : "R " + reading.Offset.Ticks.ToString(CultureInfo.InvariantCulture);
        RedisConnection.Guard(() => redis.Database.StringSet(Key, value));
        state.Announce(Topic);
    }

    /// <summary>Applies the shared reading to this replica's clock.</summary>
    public void Reload() => clock.Apply(Load());

    private ConnectMockClock.Reading Load()
    {
        var value = (string?)RedisConnection.Guard(() => redis.Database.StringGet(Key));
        if (value is not { Length: > 2 })
        {
            return ConnectMockClock.Reading.Real(TimeSpan.Zero);
        }

        var ticks = long.Parse(value.AsSpan(2), CultureInfo.InvariantCulture);
        return value[0] == 'F'
            ? ConnectMockClock.Reading.FrozenAtTime(new DateTimeOffset(ticks, TimeSpan.Zero))
            : ConnectMockClock.Reading.Real(TimeSpan.FromTicks(ticks));
    }
}
