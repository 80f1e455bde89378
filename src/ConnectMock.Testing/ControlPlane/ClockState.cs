namespace ConnectMock.Testing;

/// <summary>The server's clock: what time it says, whether it is frozen, and its timers.</summary>
/// <param name="Now">The time the server's clock says.</param>
/// <param name="Frozen">Whether it stands still (moved only by an advance).</param>
/// <param name="OffsetMilliseconds">How far it is from the system clock.</param>
/// <param name="PendingTimers">Timers waiting to fall due.</param>
/// <param name="NextDueAt">When the next one falls due; null when none waits.</param>
/// <param name="FiredTimers">Timers that fell due during an advance; null for other calls.</param>
public sealed record ClockState(
    DateTimeOffset Now,
    bool Frozen,
    double OffsetMilliseconds,
    int PendingTimers,
    DateTimeOffset? NextDueAt,
    int? FiredTimers = null);
