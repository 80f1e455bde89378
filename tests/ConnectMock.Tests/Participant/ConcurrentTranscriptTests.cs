using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConnectMock.Tests.Participant;

/// <summary>
/// A clock that can hold the next request that reads it, as a busy thread pool would: the held request keeps the time
/// it read, while another one reads a later time and posts first.
/// </summary>
public sealed class HoldingClock(FakeTimeProvider inner) : TimeProvider, IDisposable
{
    private readonly ThreadLocal<DateTimeOffset?> _frozen = new();
    private readonly SemaphoreSlim _release = new(0);
    private TaskCompletionSource? _held;

    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        if (_frozen.Value is { } frozen)
        {
            // The held request's next read (its message's time) still sees the time it was held at.
            _frozen.Value = null;
            return frozen;
        }

        if (_held is not null && InSendMessage() && Interlocked.Exchange(ref _held, null) is { } held)
        {
            _frozen.Value = now;
            held.SetResult();
            _release.Wait(TimeSpan.FromSeconds(10));
        }

        return now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    // Other readers (the journal, the expiry sweep) pass; only SendMessage's first read is held.
    private static bool InSendMessage() => new System.Diagnostics.StackTrace().GetFrames()
        .Any(f => f.GetMethod() is { Name: "SendMessage", DeclaringType.Name: "ChatSessions" });

    /// <summary>Holds the next reader in SendMessage; completes once it is held.</summary>
    public Task HoldNextReader()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = held;
        return held.Task;
    }

    public void Release() => _release.Release();

    public void Dispose()
    {
        _frozen.Dispose();
        _release.Dispose();
    }
}

public sealed class HoldingClockFactory : ConnectMockFactory
{
    public HoldingClock Holding => Services.GetRequiredService<HoldingClock>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(new HoldingClock(Clock));
        services.AddSingleton<TimeProvider>(s => s.GetRequiredService<HoldingClock>());
    }
}

public sealed class ConcurrentTranscriptTests(HoldingClockFactory app) : ConnectMockTest<HoldingClockFactory>(app)
{
    [Fact]
    public async Task SendMessage_Concurrent_TranscriptTimesNeverRunBackwards()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        // The first send reads the clock and is held; the second reads a later time and posts first.
        var held = App.Holding.HoldNextReader();
        var first = Task.Run(() => chat.SendMessageAsync("read the clock first"), TestContext.Current.CancellationToken);
        await held.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await chat.SendMessageAsync("posted first");
        App.Holding.Release();
        await first;

        var times = (await chat.TranscriptAsync()).Select(i => i.GetProperty("AbsoluteTime").GetString()!).ToList();
        Assert.Equal(3, times.Count);
        Assert.True(times.SequenceEqual(times.Order(StringComparer.Ordinal)), $"transcript times: {string.Join(", ", times)}");
    }
}
