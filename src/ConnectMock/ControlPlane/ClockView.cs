namespace ConnectMock.ControlPlane;

/// <summary>The service's clock as <c>/_connectmock/clock</c> shows it.</summary>
/// <param name="Now">The time every timestamp, lifetime and timer of ConnectMock reads.</param>
/// <param name="Frozen">Whether it stands still until advanced.</param>
/// <param name="OffsetMilliseconds">How far it is from the system clock (advances move it; POST /clock/real clears it).</param>
/// <param name="PendingTimers">Timers waiting for a time to come (chat deadlines, participant timers, URL lifetimes).</param>
/// <param name="NextDueAt">When the earliest of them falls due.</param>
/// <param name="FiredTimers">How many timers the advance fired (advances only).</param>
internal sealed record ClockView(DateTimeOffset Now, bool Frozen, double OffsetMilliseconds, int PendingTimers, DateTimeOffset? NextDueAt, int? FiredTimers = null);
