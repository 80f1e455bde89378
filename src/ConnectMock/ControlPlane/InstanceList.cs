namespace ConnectMock.ControlPlane;

internal sealed record InstanceList(bool Strict, IReadOnlyList<InstanceView> Instances);
