namespace ConnectMock.ControlPlane;

/// <summary>The body of every control-plane error.</summary>
internal sealed record ControlPlaneError(string Error);
