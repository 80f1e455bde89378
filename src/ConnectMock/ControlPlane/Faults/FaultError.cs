using ConnectMock.Aws;

namespace ConnectMock.ControlPlane.Faults;

/// <summary>The AWS error a fault answers with, as data; the exception is made each time the fault fires.</summary>
internal sealed record FaultError(string Name, int StatusCode, string Message)
{
    // A new exception per call: one shared instance thrown by concurrent requests would have its stack trace
    // rewritten under the others.
    public AwsServiceException ToException() => new(Name, StatusCode, Message);
}
