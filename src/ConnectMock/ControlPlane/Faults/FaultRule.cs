namespace ConnectMock.ControlPlane.Faults;

/// <summary>When a dropped connection happens: before the operation runs, or after it has run (its effects stay).</summary>
internal enum DropConnection
{
    BeforeProcessing,
    AfterProcessing,
}

/// <summary>
/// One injected fault: which calls it matches, how often it fires, and what it does when it fires
/// (wait, then fail with an AWS error, drop the connection, or let the call through).
/// </summary>
internal sealed class FaultRule(
    string id,
    string? operation,
    string? instanceId,
    FaultError? error,
    DropConnection? drop,
    int latencyMs,
    double probability,
    int? count)
{
    public string Id { get; } = id;

    /// <summary>The operation it applies to; null for every AWS operation.</summary>
    public string? Operation { get; } = operation;

    /// <summary>The instance it applies to; null for every instance.</summary>
    public string? InstanceId { get; } = instanceId;

    public FaultError? Error { get; } = error;

    public DropConnection? Drop { get; } = drop;

    public int LatencyMs { get; } = latencyMs;

    public double Probability { get; } = probability;

    /// <summary>How many more times it fires; null for no limit.</summary>
    public int? Remaining { get; internal set; } = count;

    public int Fired { get; internal set; }

    public bool Matches(string operation, string? instanceId) =>
        (Operation is null || Operation == operation) && (InstanceId is null || InstanceId == instanceId);
}

/// <summary>What the faults that fired for one call add up to.</summary>
internal readonly record struct FaultDecision(int LatencyMs, FaultError? Error, DropConnection? Drop)
{
    public bool IsNone => LatencyMs == 0 && Error is null && Drop is null;
}
