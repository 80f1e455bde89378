using ConnectMock.Contacts.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ConnectMock.Tests.Contacts;

/// <summary>The clock's timers: what an advance fires, in what order, at what time, and what it leaves alone.</summary>
public sealed class ConnectMockClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _source = new(Start);

    [Fact]
    public void Advance_FiresDueTimersInDueOrder_EachSeeingItsOwnTime()
    {
        using var clock = NewFrozenClock();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        using var beyond = clock.CreateTimer(_ => fired.Add(("beyond", clock.GetUtcNow())), null, TimeSpan.FromMinutes(61), Timeout.InfiniteTimeSpan);

        var count = clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(2, count);
        Assert.Equal([("early", Start.AddMinutes(10)), ("late", Start.AddMinutes(30))], fired);
        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_FiresTimersThatCallbacksArmWithinTheSpan()
    {
        using var clock = NewFrozenClock();
        var fired = new List<DateTimeOffset>();
        ITimer? second = null;
        using var first = clock.CreateTimer(
            _ => second = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromMinutes(5),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal([Start.AddMinutes(10)], fired);
        second?.Dispose();
    }

    [Fact]
    public void Advance_SkipsDisposedAndRescheduledTimers()
    {
        using var clock = NewFrozenClock();
        var fired = new List<string>();
        var disposed = clock.CreateTimer(_ => fired.Add("disposed"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var moved = clock.CreateTimer(_ => fired.Add("moved"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        moved.Change(TimeSpan.FromMinutes(20), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(10));
        var afterTen = fired.ToList();
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(afterTen);
        Assert.Equal(["moved"], fired);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Advance_FiresAPeriodicTimerOncePerPeriod()
    {
        using var clock = NewFrozenClock();
        var ticks = 0;
        using var periodic = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(10, ticks);
    }

    [Fact]
    public void Running_TheSourcesTimeFiresTimers_AndAFrozenClockHoldsThem()
    {
        using var clock = new ConnectMockClock(new ClockSource(_source), NullLogger<ConnectMockClock>.Instance);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        clock.Freeze();
        _source.Advance(TimeSpan.FromMinutes(2));
        var whileFrozen = fired;
        clock.ReturnToRealTime();

        Assert.Equal(0, whileFrozen);
        Assert.Equal(1, fired);
        Assert.Equal(_source.GetUtcNow(), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_WhileRunning_MovesTheOffset_AndTheSourceKeepsItGoing()
    {
        using var clock = new ConnectMockClock(new ClockSource(_source), NullLogger<ConnectMockClock>.Instance);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromHours(1));
        _source.Advance(TimeSpan.FromHours(1));

        Assert.Equal([Start.AddHours(2)], fired);
        Assert.Equal(Start.AddHours(2), clock.GetUtcNow());
        Assert.False(clock.Frozen);
    }

    [Fact]
    public void Advance_ACallbackThatThrows_DoesNotStopTheOthers()
    {
        using var clock = NewFrozenClock();
        var fired = 0;
        using var failing = clock.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var after = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(1, fired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3651 * 24 * 60)]
    public void Advance_OutOfRange_IsRefused(int minutes)
    {
        using var clock = NewFrozenClock();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromMinutes(minutes)));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    private ConnectMockClock NewFrozenClock()
    {
        var clock = new ConnectMockClock(new ClockSource(_source), NullLogger<ConnectMockClock>.Instance);
        clock.Freeze();
        return clock;
    }
}
