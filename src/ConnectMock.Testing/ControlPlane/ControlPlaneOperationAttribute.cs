namespace ConnectMock.Testing;

/// <summary>
/// The control-plane operation (its operationId in openapi/control-plane.json) a client method calls, with its method
/// and path: ControlPlaneClientCoverageTests checks both against the document, so the client and the API cannot drift.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ControlPlaneOperationAttribute(string operationId, string method, string path) : Attribute
{
    public string OperationId { get; } = operationId;

    public string Method { get; } = method;

    public string Path { get; } = path;
}
