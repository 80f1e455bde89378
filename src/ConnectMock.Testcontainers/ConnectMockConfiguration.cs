using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace ConnectMock.Testcontainers;

/// <inheritdoc cref="ContainerConfiguration" />
public sealed class ConnectMockConfiguration : ContainerConfiguration
{
    public ConnectMockConfiguration()
    {
    }

    public ConnectMockConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public ConnectMockConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public ConnectMockConfiguration(ConnectMockConfiguration resourceConfiguration)
        : this(new ConnectMockConfiguration(), resourceConfiguration)
    {
    }

    public ConnectMockConfiguration(ConnectMockConfiguration oldValue, ConnectMockConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
