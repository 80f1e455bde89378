namespace ConnectMock.ControlPlane;

/// <summary>The AWS operations this server answers, as the journal and faults name them.</summary>
internal sealed record OperationList(IReadOnlyList<string> Operations);
