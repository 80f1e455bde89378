using System.Net;

namespace ConnectMock.Testing;

/// <summary>The control plane refused a call; <see cref="Exception.Message"/> is its own <c>error</c> text.</summary>
public sealed class ConnectMockControlPlaneException : Exception
{
    public ConnectMockControlPlaneException(HttpStatusCode statusCode, string method, string path, string error)
        : base(error)
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP status the control plane answered with (400, 404, 401...).</summary>
    public HttpStatusCode StatusCode { get; }

    public string Method { get; }

    public string Path { get; }

    public override string ToString() => $"{Method} {Path} answered {(int)StatusCode}: {Message}";
}
