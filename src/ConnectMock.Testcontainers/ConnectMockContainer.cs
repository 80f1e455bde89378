using System.Globalization;
using ConnectMock.Testing;
using DotNet.Testcontainers.Containers;

namespace ConnectMock.Testcontainers;

/// <summary>A running ConnectMock container (see <see cref="ConnectMockBuilder"/>).</summary>
public sealed class ConnectMockContainer : DockerContainer
{
    public ConnectMockContainer(ConnectMockConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>Where the container answers from the host, e.g. <c>http://127.0.0.1:32771/</c>: the AWS SDKs' <c>ServiceURL</c>.</summary>
    public Uri GetEndpoint() =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{Hostname}:{GetMappedPublicPort(ConnectMockBuilder.ConnectMockPort)}/"));

    /// <summary>A client of the container's control plane; dispose it when done.</summary>
    /// <param name="apiKey">The control plane's key, when the container was given one.</param>
    public ConnectMockControlPlaneClient CreateControlPlaneClient(string? apiKey = null) => new(GetEndpoint(), apiKey);
}
