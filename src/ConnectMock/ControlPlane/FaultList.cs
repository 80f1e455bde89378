namespace ConnectMock.ControlPlane;

internal sealed record FaultList(IReadOnlyList<FaultView> Faults);
