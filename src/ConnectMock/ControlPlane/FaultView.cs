using ConnectMock.ControlPlane.Faults;

namespace ConnectMock.ControlPlane;

internal sealed record FaultView(
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
    int Fired)
{
    public static FaultView From(FaultRule rule) => new(
        rule.Id, rule.Operation, rule.InstanceId, rule.Error?.Name, rule.Error?.StatusCode, rule.Error?.Message,
        rule.Drop, rule.LatencyMs, rule.Probability, rule.Remaining, rule.Fired);
}
