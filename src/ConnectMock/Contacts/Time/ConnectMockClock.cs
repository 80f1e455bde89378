namespace ConnectMock.Contacts.Time;

/// <summary>
/// The one time of the simulated service: timestamps, token and URL lifetimes, chat expiry and every timer of a chat.
/// It runs with its <see cref="ClockSource"/> (plus any offset an advance left) until the control plane freezes it;
/// <see cref="Advance"/> moves it forward and fires every timer that falls due on the way, in due order, before it
/// returns, each timer's callback seeing the time it was due at. Timers are kept here, not in the source: one source
/// timer wakes the clock for the earliest of them, so a frozen clock holds them all.
/// </summary>
internal sealed partial class ConnectMockClock : TimeProvider, IDisposable
{
    /// <summary>How far one advance may go: far past any Connect lifetime (7 days), short of DateTimeOffset's end.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3650);

    private readonly TimeProvider _source;
    private readonly ILogger<ConnectMockClock> _log;

    // Taken by whoever fires timers (an advance, a wake), so that callbacks run one at a time and in due order.
    private readonly Lock _firing = new();

    // Guards the armed timers; never held while a callback runs.
    private readonly Lock _timers = new();
    private readonly SortedSet<ClockTimer> _armed = new(ClockTimer.DueOrder);
    private readonly ITimer _wake;
    private long _sequence;
    private volatile Reading _reading = Reading.Real(TimeSpan.Zero);

    public ConnectMockClock(ClockSource source, ILogger<ConnectMockClock> log)
    {
        _source = source.Time;
        _log = log;
        _wake = _source.CreateTimer(_ => FireDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What the control plane shows of the clock.</summary>
    public sealed record State(DateTimeOffset Now, bool Frozen, TimeSpan Offset, int PendingTimers, DateTimeOffset? NextDueAt);

    public bool Frozen => _reading.FrozenAt is not null;

    public override DateTimeOffset GetUtcNow()
    {
        var reading = _reading;
        return reading.FrozenAt ?? _source.GetUtcNow() + reading.Offset;
    }

    public override TimeZoneInfo LocalTimeZone => _source.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ClockTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public State Read()
    {
        lock (_timers)
        {
            // One reading of each clock, so that a running clock shows exactly its offset.
            var reading = _reading;
            var source = _source.GetUtcNow();
            var now = reading.FrozenAt ?? source + reading.Offset;
            return new State(now, reading.FrozenAt is not null, now - source, _armed.Count, _armed.Count > 0 ? _armed.Min!.Due : null);
        }
    }

    /// <summary>Stops the clock at <paramref name="at"/> (now when null); a time already past fires nothing again.</summary>
    public void Freeze(DateTimeOffset? at = null)
    {
        Reading set;
        lock (_firing)
        {
            _reading = set = Reading.FrozenAtTime(at ?? GetUtcNow());
            Rewake();
        }

        if (at is not null)
        {
            FireDue();
        }

        Set?.Invoke(set);
    }

    /// <summary>Back to the source's time, unfrozen and with no offset; timers keep the times they are due at.</summary>
    public void ReturnToRealTime()
    {
        lock (_firing)
        {
            _reading = Reading.Real(TimeSpan.Zero);
            Rewake();
        }

        FireDue();
        Set?.Invoke(Reading.Real(TimeSpan.Zero));
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, firing each timer due on the way at its time, in order
    /// (timers that callbacks arm within the span fire too). Returns how many fired. A frozen clock stays frozen.
    /// </summary>
    public int Advance(TimeSpan by)
    {
        if (by <= TimeSpan.Zero || by > MaxAdvance)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, $"An advance is more than zero and at most {MaxAdvance.TotalDays:0} days.");
        }

        int fired;
        Reading set;
        lock (_firing)
        {
            var wasFrozen = Frozen;
            var target = GetUtcNow() + by;
            fired = FireUntil(target);
            _reading = set = wasFrozen ? Reading.FrozenAtTime(target) : Reading.Real(target - _source.GetUtcNow());
            Rewake();
        }

        Set?.Invoke(set);
        return fired;
    }

    /// <summary>
    /// Raised after this replica's control plane froze, advanced or released the clock, with how it now reads; not
    /// raised by <see cref="Apply"/>. Only a shared clock listens (several replicas on one Redis: docs/scale-out.md).
    /// </summary>
    public event Action<Reading>? Set;

    /// <summary>
    /// Reads as another replica's clock was set to: forward to that time first, firing this replica's timers due on
    /// the way in order, as <see cref="Advance"/> does. The same reading again changes nothing.
    /// </summary>
    public void Apply(Reading reading)
    {
        lock (_firing)
        {
            FireUntil(reading.FrozenAt ?? _source.GetUtcNow() + reading.Offset);
            _reading = reading;
            Rewake();
        }
    }

    /// <summary>How the clock reads now, to share it.</summary>
    public Reading Current => _reading;

    // Under _firing: each timer due by target fires at its time (never earlier than the clock already was).
    private int FireUntil(DateTimeOffset target)
    {
        var fired = 0;
        while (TakeDue(target) is { } timer)
        {
            var now = GetUtcNow();
            _reading = Reading.FrozenAtTime(timer.Due > now ? timer.Due : now);
            Invoke(timer);
            fired++;
        }

        return fired;
    }

    public void Dispose() => _wake.Dispose();

    /// <summary>Fires the timers due at the clock's current time (the source woke the clock, or the time jumped).</summary>
    private void FireDue()
    {
        lock (_firing)
        {
            while (TakeDue(GetUtcNow()) is { } timer)
            {
                Invoke(timer);
            }

            Rewake();
        }
    }

    /// <summary>The earliest armed timer due at or before <paramref name="limit"/>, disarmed (or re-armed by its period).</summary>
    private ClockTimer? TakeDue(DateTimeOffset limit)
    {
        lock (_timers)
        {
            if (_armed.Count == 0 || _armed.Min!.Due > limit)
            {
                return null;
            }

            var timer = _armed.Min;
            _armed.Remove(timer);
            timer.Armed = false;
            if (timer.Period > TimeSpan.Zero)
            {
                Arm(timer, timer.Due + timer.Period);
            }

            return timer;
        }
    }

    private void Invoke(ClockTimer timer)
    {
        try
        {
            timer.Callback(timer.CallbackState);
        }
        catch (Exception ex)
        {
            // A timer's failure is its owner's to handle; it must not stop the clock from firing the others.
            LogTimerFailed(ex);
        }
    }

    /// <summary>Sets the source timer to wake the clock when its earliest timer falls due (never while frozen).</summary>
    private void Rewake()
    {
        TimeSpan? wait = null;
        lock (_timers)
        {
            if (!Frozen && _armed.Count > 0)
            {
                var left = _armed.Min!.Due - GetUtcNow();
                wait = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        // Outside the lock: a source that fires a due timer at once (a test's fake one) calls back into the clock.
        _wake.Change(wait ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private bool Change(ClockTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
        bool earliest;
        lock (_timers)
        {
            if (timer.Disposed)
            {
                return false;
            }

            Disarm(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.Period = period;
            Arm(timer, GetUtcNow() + dueTime);
            earliest = ReferenceEquals(_armed.Min, timer);
        }

        if (earliest && !Frozen)
        {
            Rewake();
        }

        return true;
    }

    private void Arm(ClockTimer timer, DateTimeOffset due)
    {
        timer.Due = due;
        timer.Sequence = ++_sequence;
        timer.Armed = _armed.Add(timer);
    }

    private void Disarm(ClockTimer timer)
    {
        if (timer.Armed)
        {
            _armed.Remove(timer);
            timer.Armed = false;
        }
    }

    private void Dispose(ClockTimer timer)
    {
        lock (_timers)
        {
            Disarm(timer);
            timer.Disposed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A timer of the clock failed")]
    private partial void LogTimerFailed(Exception exception);

    /// <summary>How the clock reads: frozen at a time, or the source's time plus an offset.</summary>
    public sealed record Reading(TimeSpan Offset, DateTimeOffset? FrozenAt)
    {
        public static Reading Real(TimeSpan offset) => new(offset, null);

        public static Reading FrozenAtTime(DateTimeOffset at) => new(TimeSpan.Zero, at);
    }

    private sealed class ClockTimer(ConnectMockClock clock, TimerCallback callback, object? state) : ITimer
    {
        public static readonly IComparer<ClockTimer> DueOrder = Comparer<ClockTimer>.Create((a, b) =>
            a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence));

        public TimerCallback Callback => callback;

        public object? CallbackState => state;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Armed { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Change(this, dueTime, period);

        public void Dispose() => clock.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
