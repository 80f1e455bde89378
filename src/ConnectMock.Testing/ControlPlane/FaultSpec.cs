namespace ConnectMock.Testing;

/// <summary>A fault to inject (docs/control-plane.md, "Faults"); unset members take the control plane's defaults.</summary>
public sealed record FaultSpec(
    string? Operation = null,
    string? InstanceId = null,
    string? Error = null,
    string? Message = null,
    int? StatusCode = null,
    int? Count = null,
    double? Probability = null,
    int? LatencyMs = null,
    DropConnection? DropConnection = null);
