namespace ConnectMock.ControlPlane;

/// <summary>A control-plane failure: answered as plain JSON <c>{"error": "..."}</c>, never as an AWS error.</summary>
internal sealed class ControlPlaneException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ControlPlaneException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ControlPlaneException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
