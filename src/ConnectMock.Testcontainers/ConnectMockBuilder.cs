using ConnectMock.Testing;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;

namespace ConnectMock.Testcontainers;

/// <summary>
/// Builds a ConnectMock container: the image's port 8080 bound to a random host port, ready once <c>/health</c>
/// answers 200. Settings are the app's environment variables (<see cref="WithSetting"/>).
/// </summary>
/// <example>
/// <code>
/// await using var mock = new ConnectMockBuilder().WithImage("connectmock:latest").Build();
/// await mock.StartAsync();
/// var serviceUrl = mock.GetEndpoint();
/// </code>
/// </example>
public sealed class ConnectMockBuilder : ContainerBuilder<ConnectMockBuilder, ConnectMockContainer, ConnectMockConfiguration>
{
    /// <summary>
    /// The image when none is given: the name <c>docker compose build</c> gives the repository's image. ConnectMock
    /// publishes no image to a registry; build one (<c>docker build -t connectmock .</c>) or pass your own.
    /// </summary>
    public const string ConnectMockImage = "connectmock:latest";

    /// <summary>The port the image listens on.</summary>
    public const ushort ConnectMockPort = 8080;

    /// <summary>A builder of the <see cref="ConnectMockImage"/> image.</summary>
    public ConnectMockBuilder()
        : this(ConnectMockImage)
    {
    }

    /// <summary>A builder of <paramref name="image"/>, a full image name with its tag.</summary>
    /// <param name="image">For example <c>connectmock:ci</c> or <c>ghcr.io/your-org/connectmock:latest</c>.</param>
    public ConnectMockBuilder(string image)
        : this(new DockerImage(image))
    {
    }

    /// <summary>A builder of <paramref name="image"/>.</summary>
    /// <param name="image">The image to run.</param>
    public ConnectMockBuilder(IImage image)
        : this(new ConnectMockConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private ConnectMockBuilder(ConnectMockConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override ConnectMockConfiguration DockerResourceConfiguration { get; }

    /// <summary>
    /// Sets a configuration key (a constant of <see cref="ConnectMockSettings"/>, e.g.
    /// <see cref="ConnectMockSettings.JournalCapacity"/>) as the container's environment variable.
    /// </summary>
    public ConnectMockBuilder WithSetting(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }

    /// <inheritdoc />
    public override ConnectMockContainer Build()
    {
        Validate();
        return new ConnectMockContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override ConnectMockBuilder Init() =>
        base.Init()
            .WithPortBinding(ConnectMockPort, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(ConnectMockPort).ForPath("/health")));

    /// <inheritdoc />
    protected override ConnectMockBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ConnectMockConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override ConnectMockBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ConnectMockConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override ConnectMockBuilder Merge(ConnectMockConfiguration oldValue, ConnectMockConfiguration newValue) =>
        new(new ConnectMockConfiguration(oldValue, newValue));
}
