namespace ConnectMock.Testing;

/// <summary>An injected fault with its counters.</summary>
public sealed record Fault(
    string Id,
    string? Operation,
    string? InstanceId,
    string? Error,
    int? StatusCode,
    string? Message,
    DropConnection? DropConnection,
    int LatencyMs,
    double Probability,
    int? Remaining,
    int Fired);
